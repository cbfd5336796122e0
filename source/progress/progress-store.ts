import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A learner's place in one lesson, keyed by the lesson's id (never its position). */
export type LessonProgress =
  | { status: 'done'; finishedAt: string }
  | { status: 'in-progress'; stepId: string; updatedAt: string };

interface ProgressFile {
  version: 1;
  lessons: Record<string, LessonProgress>;
}

export function progressFileIn(stateDirectory: string): string {
  return join(stateDirectory, 'progress.json');
}

/**
 * Progress in one JSON file in the state directory. Reads are forgiving (a missing or damaged
 * file is an empty record); writes replace the file atomically.
 */
export class ProgressStore {
  constructor(
    readonly file: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  all(): Record<string, LessonProgress> {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<ProgressFile>;
      return parsed.version === 1 && parsed.lessons && typeof parsed.lessons === 'object'
        ? parsed.lessons
        : {};
    } catch {
      return {};
    }
  }

  get(lessonId: string): LessonProgress | undefined {
    return this.all()[lessonId];
  }

  /** Records the step a learner reached; a finished lesson stays finished. */
  reached(lessonId: string, stepId: string): void {
    if (this.get(lessonId)?.status === 'done') return;
    this.write(lessonId, {
      status: 'in-progress',
      stepId,
      updatedAt: this.now().toISOString(),
    });
  }

  finished(lessonId: string): void {
    this.write(lessonId, { status: 'done', finishedAt: this.now().toISOString() });
  }

  forget(lessonId: string): void {
    this.write(lessonId, undefined);
  }

  private write(lessonId: string, progress: LessonProgress | undefined): void {
    const lessons = this.all();
    if (progress) lessons[lessonId] = progress;
    else delete lessons[lessonId];
    const contents: ProgressFile = { version: 1, lessons };
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(contents, null, 2)}\n`);
    renameSync(temporary, this.file);
  }
}

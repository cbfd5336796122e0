import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Lesson } from '../../lesson-format/lesson-types.ts';
import type { LessonProgress } from '../../progress/progress-store.ts';
import { stateDirectory } from '../state-paths.ts';
import { SilentExit, UserError } from '../user-error.ts';

export interface LessonsCommandOptions {
  json?: boolean;
  /** `true` for the bundled lessons, or a directory of lesson folders. */
  check?: boolean | string;
}

export interface LessonsCommandIo {
  stdout: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  lessonsDirectory?: string;
  stateDirectory?: string;
}

export function registerLessonsCommand(program: Command): void {
  program
    .command('lessons')
    .description('list the lessons and your progress, or check lessons for authoring mistakes')
    .option('--json', 'print the list as JSON')
    .option(
      '--check [dir]',
      'report authoring mistakes as file:line (default: the bundled lessons)',
    )
    .action(async (options: LessonsCommandOptions) => {
      const exitCode = await runLessonsCommand(options, {
        stdout: process.stdout,
        env: process.env,
      });
      if (exitCode !== 0) throw new SilentExit(exitCode);
    });
}

export async function runLessonsCommand(
  options: LessonsCommandOptions,
  io: LessonsCommandIo,
): Promise<number> {
  const { bundledLessonsDirectory, listLessons } = await import(
    '../../lesson-format/lesson-catalog.ts'
  );
  if (options.check !== undefined && options.check !== false) {
    const directory =
      typeof options.check === 'string'
        ? resolve(options.check)
        : (io.lessonsDirectory ?? bundledLessonsDirectory());
    return checkCommand(directory, io.stdout);
  }
  const lessons = listLessons(io.lessonsDirectory ?? bundledLessonsDirectory());
  const { ProgressStore, progressFileIn } = await import('../../progress/progress-store.ts');
  const progress = new ProgressStore(
    progressFileIn(io.stateDirectory ?? stateDirectory(io.env)),
  ).all();
  if (options.json) {
    const list = lessons.map((lesson) => ({
      id: lesson.id,
      number: lesson.number,
      title: lesson.title,
      summary: lesson.summary,
      needs: lesson.needs,
      progress: progress[lesson.id] ?? null,
    }));
    io.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(lessonList(lessons, progress));
  return 0;
}

function progressText(progress: LessonProgress | undefined): string {
  if (!progress) return 'not started';
  if (progress.status === 'done') return 'done';
  return `in progress (at ${progress.stepId})`;
}

export function lessonList(lessons: Lesson[], progress: Record<string, LessonProgress>): string {
  const idWidth = Math.max(2, ...lessons.map((lesson) => lesson.id.length));
  const titleWidth = Math.max(5, ...lessons.map((lesson) => lesson.title.length));
  const lines = [
    `${'#'.padEnd(4)}${'ID'.padEnd(idWidth + 2)}${'TITLE'.padEnd(titleWidth + 2)}PROGRESS`,
  ];
  for (const lesson of lessons) {
    lines.push(
      `${lesson.number.padEnd(4)}${lesson.id.padEnd(idWidth + 2)}${lesson.title.padEnd(titleWidth + 2)}${progressText(progress[lesson.id])}`,
    );
    lines.push(`${' '.repeat(4 + idWidth + 2)}${lesson.summary}`);
  }
  lines.push('', 'Run one with: k8s-expose-tutor run <id> --plain');
  return `${lines.join('\n')}\n`;
}

async function checkCommand(directory: string, stdout: NodeJS.WritableStream): Promise<number> {
  const { existsSync, statSync } = await import('node:fs');
  if (!existsSync(directory) || !statSync(directory).isDirectory())
    throw new UserError(`${directory} is not a directory of lessons`);
  const { checkLessons } = await import('../../lesson-format/check-lesson.ts');
  const { formatProblem } = await import('../../lesson-format/lesson-types.ts');
  const checked = checkLessons(directory);
  const problems = checked.flatMap((entry) => entry.problems);
  for (const problem of problems) stdout.write(`${formatProblem(problem)}\n`);
  const lessons = checked.length;
  const broken = checked.filter((entry) => entry.problems.length > 0).length;
  if (problems.length === 0) {
    stdout.write(`${lessons} ${lessons === 1 ? 'lesson' : 'lessons'} checked: no problems.\n`);
    return 0;
  }
  stdout.write(
    `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in ${broken} of ${lessons} ${lessons === 1 ? 'lesson' : 'lessons'}.\n`,
  );
  return 1;
}

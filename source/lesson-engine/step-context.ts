import type { Cluster } from '../cluster/cluster.ts';
import type { Lesson } from '../lesson-format/lesson-types.ts';
import type { Probe } from '../probe/probe.ts';
import type { Learner } from './learner.ts';
import type { LessonEvent } from './lesson-events.ts';

/** The shortest a scaled wait may get: conditions need a few polls even on a fast sandbox. */
const minimumBudgetMs = 2_000;

/** What every step runner gets: the lesson, the runtime's interfaces, and the run's state. */
export class StepContext {
  /** Values saved by kubectl steps, for `${name}`; `namespace` is always there. */
  readonly variables = new Map<string, string>();
  /** Failed checks that count against the lesson. */
  readonly failures: string[] = [];
  /** True while replaying steps before a resume point: nothing is emitted or judged. */
  quiet = false;

  constructor(
    readonly lesson: Lesson,
    readonly cluster: Cluster,
    readonly probe: Probe,
    readonly learner: Learner,
    readonly signal: AbortSignal,
    readonly workspaceDirectory: string,
    private readonly timeScale: number,
    private readonly sink: (event: LessonEvent) => void,
  ) {
    this.variables.set('namespace', lesson.namespace);
  }

  emit(event: LessonEvent): void {
    if (!this.quiet) this.sink(event);
  }

  /** A wait budget scaled to the runtime (the sandbox is faster than a real cluster). */
  budget(ms: number): number {
    return Math.max(Math.min(ms, minimumBudgetMs), Math.round(ms * this.timeScale));
  }

  /** Reports a check's verdict; counted failures make the lesson fail. Returns `passed`. */
  judge(check: string, passed: boolean, detail: string, counts = true): boolean {
    if (this.quiet) return passed;
    this.emit({ type: passed ? 'check-passed' : 'check-failed', check, detail, counts });
    if (!passed && counts) this.failures.push(check);
    return passed;
  }
}

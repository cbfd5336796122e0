import type { ObjectRef } from '../cluster/cluster.ts';
import type {
  Capability,
  ChallengeStep,
  Lesson,
  QuizStep,
  Step,
} from '../lesson-format/lesson-types.ts';
import type { ProbeResult, ProbeRun } from '../probe/probe.ts';

/**
 * Everything a lesson run reports, in order. The plain printer and the TUI both read these;
 * neither talks to the cluster itself.
 */
export type LessonEvent =
  | { type: 'lesson-started'; lesson: Lesson; runtime: string; resumedAt?: string }
  | { type: 'needs-missing'; missing: Capability[]; runtime: string }
  /** Steps before the resume point that were replayed quietly to rebuild the cluster's state. */
  | { type: 'caught-up'; steps: number }
  | { type: 'step-started'; step: Step; index: number; total: number }
  /** A shell command the learner could type, shown before its output. */
  | { type: 'command'; command: string }
  | { type: 'output'; text: string }
  | { type: 'manifest-shown'; file: string; text: string }
  | { type: 'object-applied'; ref: ObjectRef; line: string; warnings: string[] }
  | { type: 'apply-failed'; file: string; line: string }
  | { type: 'waiting'; condition: string; timeoutMs: number }
  | { type: 'condition-progress'; condition: string; detail: string }
  | { type: 'condition-met'; condition: string; detail: string; elapsedMs: number }
  | { type: 'condition-timed-out'; condition: string; detail: string; elapsedMs: number }
  | { type: 'probe-started'; command: string; count: number; attempt: number }
  | { type: 'probe-result'; result: ProbeResult; count: number }
  | { type: 'probe-finished'; command: string; run: ProbeRun; attempts: number }
  /**
   * A check's verdict. `counts: false` for tries at a challenge (feedback, not a failure of
   * the lesson); the challenge's own verdict comes in `challenge-finished`.
   */
  | { type: 'check-passed'; check: string; detail: string; counts: boolean }
  | { type: 'check-failed'; check: string; detail: string; counts: boolean }
  | { type: 'variable-saved'; name: string; value: string }
  | { type: 'quiz-shown'; quiz: QuizStep }
  | { type: 'quiz-answered'; quiz: QuizStep; choice: number | undefined; correct: boolean }
  | { type: 'challenge-started'; challenge: ChallengeStep; workspaceFile: string }
  | { type: 'challenge-attempt'; challenge: ChallengeStep; source: 'workspace' | 'solution' }
  | {
      type: 'challenge-verdict';
      challenge: ChallengeStep;
      passed: boolean;
      source: 'workspace' | 'solution';
    }
  | { type: 'hint-shown'; challenge: ChallengeStep; hint: string; index: number; total: number }
  | {
      type: 'challenge-finished';
      challenge: ChallengeStep;
      passed: boolean;
      outcome: 'solved' | 'solution' | 'skipped';
    }
  | { type: 'step-finished'; step: Step; passed: boolean }
  | { type: 'lesson-finished'; outcome: LessonOutcome }
  | { type: 'cleanup-started'; namespace: string }
  | { type: 'cleanup-finished'; namespace: string };

export interface LessonOutcome {
  /** Every counted check passed and the run was not cancelled. */
  passed: boolean;
  cancelled: boolean;
  /** Descriptions of the checks that failed. */
  failures: string[];
  /** The last step that started (progress resumes there). */
  lastStepId?: string;
}

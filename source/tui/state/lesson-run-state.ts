import type { LessonEvent, LessonOutcome } from '../../lesson-engine/lesson-events.ts';
import type { Lesson, Step } from '../../lesson-format/lesson-types.ts';

/**
 * What the lesson screen knows about a run, built only from the engine's events and the
 * learner's prompts: each step's status and what happened in it, what the engine waits for,
 * and what is busy (for the spinner).
 */

export type StepStatus = 'new' | 'ready' | 'running' | 'passed' | 'failed';

/** One thing that happened in a step, kept as data; the lesson pane decides how it reads. */
export type StepEntry =
  | { kind: 'command'; text: string }
  | { kind: 'output'; text: string }
  | { kind: 'manifest'; file: string; text: string }
  | { kind: 'applied'; line: string; warnings: string[] }
  | { kind: 'apply-failed'; line: string }
  | {
      kind: 'condition';
      condition: string;
      detail: string;
      state: 'waiting' | 'met' | 'timed-out';
      elapsedMs?: number;
    }
  | { kind: 'probe'; command: string; count: number; answered: number; summary?: string }
  | { kind: 'check'; check: string; detail: string; passed: boolean; counts: boolean }
  | { kind: 'variable'; name: string; value: string }
  | { kind: 'quiz-answer'; choice: number | undefined; correct: boolean }
  | { kind: 'hint'; hint: string; index: number; total: number }
  | { kind: 'challenge-try'; source: 'workspace' | 'solution' }
  | { kind: 'challenge-verdict'; source: 'workspace' | 'solution'; passed: boolean }
  | { kind: 'challenge-finished'; outcome: 'solved' | 'solution' | 'skipped'; passed: boolean }
  | { kind: 'note'; text: string };

export interface StepRecord {
  status: StepStatus;
  entries: StepEntry[];
}

export type LearnerPrompt = 'run' | 'quiz' | 'challenge';

export interface ChallengeProgress {
  index: number;
  workspaceFile: string;
  tries: number;
  hintsShown: number;
}

export interface LessonRunState {
  lesson: Lesson;
  steps: StepRecord[];
  /** The step the engine is at (waiting for the learner or running); -1 before the first. */
  current: number;
  /** What the engine waits for from the learner, if anything. */
  prompt?: LearnerPrompt;
  /** Work in progress, for a spinner with elapsed time. */
  busy?: { label: string; since: number };
  challenge?: ChallengeProgress;
  /** Saved by kubectl steps, for `${name}` in later steps (the "20 more" requests need them). */
  variables: Record<string, string>;
  phase: 'starting' | 'running' | 'finished' | 'cleaning-up' | 'cleaned-up';
  outcome?: LessonOutcome;
  /** Capabilities the runtime lacks, when the lesson cannot run on it. */
  missing?: string[];
  resumedAt?: string;
  /** The engine stopped with an error it could not report as a check. */
  error?: string;
}

export type LessonRunAction =
  | { type: 'engine-event'; event: LessonEvent; at: number }
  | { type: 'learner-asked'; prompt: LearnerPrompt; stepId: string; at: number }
  | { type: 'learner-answered' }
  | { type: 'engine-failed'; message: string }
  /** Work the learner started between steps ("20 more"); no label when it is over. */
  | { type: 'side-work'; label: string | undefined; at: number };

/** The most entries a step keeps; older ones go first (a long challenge can try many times). */
export const maxEntriesPerStep = 60;

export function initialLessonRun(lesson: Lesson): LessonRunState {
  return {
    lesson,
    steps: lesson.steps.map(() => ({ status: 'new', entries: [] })),
    current: -1,
    variables: { namespace: lesson.namespace },
    phase: 'starting',
  };
}

function busyLabelFor(step: Step): string | undefined {
  switch (step.type) {
    case 'apply':
      return `applying ${step.files.join(', ')}`;
    case 'kubectl':
      return `running kubectl ${step.command}`;
    case 'probe':
      return `sending ${step.count} ${step.count === 1 ? 'request' : 'requests'}`;
    case 'wait':
      return 'waiting';
    default:
      return undefined;
  }
}

function withStep(
  state: LessonRunState,
  index: number,
  change: (record: StepRecord) => StepRecord,
): LessonRunState {
  const record = state.steps[index];
  if (!record) return state;
  const steps = state.steps.slice();
  steps[index] = change(record);
  return { ...state, steps };
}

function addEntry(state: LessonRunState, entry: StepEntry): LessonRunState {
  return withStep(state, state.current, (record) => ({
    ...record,
    entries: [...record.entries, entry].slice(-maxEntriesPerStep),
  }));
}

/** Replaces the last entry of a kind in the current step (progress updates, running counts). */
function updateLast<K extends StepEntry['kind']>(
  state: LessonRunState,
  kind: K,
  change: (entry: Extract<StepEntry, { kind: K }>) => StepEntry,
): LessonRunState {
  return withStep(state, state.current, (record) => {
    const index = record.entries.findLastIndex((entry) => entry.kind === kind);
    if (index < 0) return record;
    const entries = record.entries.slice();
    entries[index] = change(entries[index] as Extract<StepEntry, { kind: K }>);
    return { ...record, entries };
  });
}

function tallySummary(pods: { pod: string; hits: number }[], total: number): string {
  const answered = pods.map((entry) => `${entry.pod} ${entry.hits}`).join(', ');
  return answered ? `${total} sent; answered by ${answered}` : `${total} sent; no pod answered`;
}

function onEngineEvent(state: LessonRunState, event: LessonEvent, at: number): LessonRunState {
  switch (event.type) {
    case 'lesson-started': {
      if (!event.resumedAt) return { ...state, phase: 'running' };
      // Steps before the resume point were done in an earlier session.
      const resumeIndex = state.lesson.steps.findIndex((step) => step.id === event.resumedAt);
      return {
        ...state,
        phase: 'running',
        resumedAt: event.resumedAt,
        steps: state.steps.map((record, index) =>
          index < resumeIndex ? { ...record, status: 'passed' } : record,
        ),
      };
    }
    case 'needs-missing':
      return { ...state, missing: event.missing };
    case 'caught-up':
      return state;
    case 'step-started': {
      const label = busyLabelFor(event.step);
      const next = withStep({ ...state, current: event.index }, event.index, (record) => ({
        ...record,
        status: 'running',
      }));
      return {
        ...next,
        prompt: undefined,
        busy: label ? { label, since: at } : undefined,
      };
    }
    case 'command':
      return addEntry(state, { kind: 'command', text: event.command });
    case 'output':
      return addEntry(state, { kind: 'output', text: event.text });
    case 'manifest-shown':
      return addEntry(state, { kind: 'manifest', file: event.file, text: event.text });
    case 'object-applied':
      return addEntry(state, { kind: 'applied', line: event.line, warnings: event.warnings });
    case 'apply-failed':
      return addEntry(state, { kind: 'apply-failed', line: event.line });
    case 'waiting':
      return {
        ...addEntry(state, {
          kind: 'condition',
          condition: event.condition,
          detail: '',
          state: 'waiting',
        }),
        busy: { label: `waiting for ${event.condition}`, since: at },
      };
    case 'condition-progress':
      return updateLast(state, 'condition', (entry) => ({ ...entry, detail: event.detail }));
    case 'condition-met':
    case 'condition-timed-out':
      return {
        ...updateLast(state, 'condition', (entry) => ({
          ...entry,
          detail: event.detail,
          state: event.type === 'condition-met' ? 'met' : 'timed-out',
          elapsedMs: event.elapsedMs,
        })),
        busy: undefined,
      };
    case 'probe-started':
      return {
        ...addEntry(state, {
          kind: 'probe',
          command: event.command,
          count: event.count,
          answered: 0,
        }),
        busy: {
          label: `sending ${event.count} ${event.count === 1 ? 'request' : 'requests'}`,
          since: state.busy?.since ?? at,
        },
      };
    case 'probe-result':
      return updateLast(state, 'probe', (entry) => ({ ...entry, answered: entry.answered + 1 }));
    case 'probe-finished':
      return updateLast(state, 'probe', (entry) => ({
        ...entry,
        summary: tallySummary(event.run.tally.pods, event.run.tally.total),
      }));
    case 'check-passed':
    case 'check-failed':
      return addEntry(state, {
        kind: 'check',
        check: event.check,
        detail: event.detail,
        passed: event.type === 'check-passed',
        counts: event.counts,
      });
    case 'variable-saved':
      return {
        ...addEntry(state, { kind: 'variable', name: event.name, value: event.value }),
        variables: { ...state.variables, [event.name]: event.value },
      };
    case 'quiz-shown':
      return state;
    case 'quiz-answered':
      return addEntry(
        { ...state, prompt: undefined },
        { kind: 'quiz-answer', choice: event.choice, correct: event.correct },
      );
    case 'challenge-started':
      return {
        ...state,
        challenge: {
          index: state.current,
          workspaceFile: event.workspaceFile,
          tries: 0,
          hintsShown: 0,
        },
      };
    case 'challenge-attempt':
      return {
        ...addEntry(state, { kind: 'challenge-try', source: event.source }),
        busy: {
          label:
            event.source === 'solution'
              ? 'applying the reference solution and checking it'
              : 'applying your manifest and checking it',
          since: at,
        },
        challenge: state.challenge && {
          ...state.challenge,
          tries: state.challenge.tries + (event.source === 'workspace' ? 1 : 0),
        },
      };
    case 'challenge-verdict':
      return {
        ...addEntry(state, {
          kind: 'challenge-verdict',
          source: event.source,
          passed: event.passed,
        }),
        busy: undefined,
      };
    case 'hint-shown':
      return {
        ...addEntry(state, {
          kind: 'hint',
          hint: event.hint,
          index: event.index,
          total: event.total,
        }),
        challenge: state.challenge && { ...state.challenge, hintsShown: event.index + 1 },
      };
    case 'challenge-finished':
      return addEntry(
        { ...state, busy: undefined },
        { kind: 'challenge-finished', outcome: event.outcome, passed: event.passed },
      );
    case 'step-finished':
      return {
        ...withStep(state, state.current, (record) => ({
          ...record,
          status: event.passed ? 'passed' : 'failed',
        })),
        busy: undefined,
      };
    case 'lesson-finished':
      return {
        ...state,
        phase: 'finished',
        outcome: event.outcome,
        busy: undefined,
        prompt: undefined,
      };
    case 'cleanup-started':
      return {
        ...state,
        phase: 'cleaning-up',
        busy: { label: `deleting namespace ${event.namespace}`, since: at },
      };
    case 'cleanup-finished':
      return { ...state, phase: 'cleaned-up', busy: undefined };
  }
}

export function lessonRunReducer(state: LessonRunState, action: LessonRunAction): LessonRunState {
  switch (action.type) {
    case 'engine-event':
      return onEngineEvent(state, action.event, action.at);
    case 'learner-asked': {
      const index = state.lesson.steps.findIndex((step) => step.id === action.stepId);
      if (action.prompt === 'run') {
        // Asked before the step starts: it becomes the current one, ready to run.
        const at = index < 0 ? state.current : index;
        return withStep(
          { ...state, current: at, prompt: 'run', busy: undefined },
          at,
          (record) => ({
            ...record,
            status: 'ready',
          }),
        );
      }
      return { ...state, prompt: action.prompt, busy: undefined };
    }
    case 'learner-answered':
      return { ...state, prompt: undefined };
    case 'engine-failed':
      return { ...state, error: action.message, busy: undefined, prompt: undefined };
    case 'side-work':
      return {
        ...state,
        busy: action.label ? { label: action.label, since: action.at } : undefined,
      };
  }
}

/** Steps done so far, for `3/12`. */
export function stepsDone(state: LessonRunState): number {
  return state.steps.filter((step) => step.status === 'passed' || step.status === 'failed').length;
}

import type { Lesson } from '../../lesson-format/lesson-types.ts';
import type { LessonProgress } from '../../progress/progress-store.ts';
import type { RuntimeName } from '../../runtime/runtime.ts';
import type { RuntimeDetection } from '../adapters/runtime-detection.ts';

/** A lesson as the start screen lists it. */
export interface LessonEntry {
  id: string;
  number: string;
  title: string;
  summary: string;
  progress: 'done' | 'in-progress' | 'new';
  /** Where an unfinished lesson resumes: the step's id and its place. */
  resumeAt?: { stepId: string; position: number; total: number };
}

export interface StartState {
  lessons: LessonEntry[];
  selected: number;
  /** Undefined until detection finishes. */
  detection?: RuntimeDetection;
  runtime: RuntimeName;
  /** A line to show under the list (why a runtime cannot be chosen, an open that failed). */
  message?: string;
  helpOpen: boolean;
  /** The first line of the help shown. */
  helpOffset: number;
}

export type StartAction =
  | { type: 'runtime-detected'; detection: RuntimeDetection }
  | { type: 'selection-moved'; by: number }
  | { type: 'runtime-cycled' }
  | { type: 'message-shown'; message: string | undefined }
  | { type: 'help-toggled' }
  | { type: 'help-scrolled'; by: number; max: number };

export function lessonEntries(
  lessons: readonly Lesson[],
  progress: Readonly<Record<string, LessonProgress>>,
): LessonEntry[] {
  return lessons.map((lesson) => {
    const record = progress[lesson.id];
    const base = {
      id: lesson.id,
      number: lesson.number,
      title: lesson.title,
      summary: lesson.summary,
    };
    if (record?.status === 'done') return { ...base, progress: 'done' };
    if (record?.status === 'in-progress') {
      const position = lesson.steps.findIndex((step) => step.id === record.stepId);
      if (position >= 0)
        return {
          ...base,
          progress: 'in-progress',
          resumeAt: { stepId: record.stepId, position: position + 1, total: lesson.steps.length },
        };
    }
    return { ...base, progress: 'new' };
  });
}

/**
 * Where the cursor starts: the lesson most recently in progress, else the first one not done,
 * else the first.
 */
export function resumeIndex(
  entries: readonly LessonEntry[],
  progress: Readonly<Record<string, LessonProgress>>,
): number {
  let best = -1;
  let bestTime = '';
  entries.forEach((entry, index) => {
    const record = progress[entry.id];
    if (entry.progress === 'in-progress' && record?.status === 'in-progress') {
      if (record.updatedAt > bestTime) {
        best = index;
        bestTime = record.updatedAt;
      }
    }
  });
  if (best >= 0) return best;
  const next = entries.findIndex((entry) => entry.progress !== 'done');
  return Math.max(next, 0);
}

export function initialStart(
  lessons: readonly Lesson[],
  progress: Readonly<Record<string, LessonProgress>>,
): StartState {
  const entries = lessonEntries(lessons, progress);
  return {
    lessons: entries,
    selected: resumeIndex(entries, progress),
    runtime: 'sandbox',
    helpOpen: false,
    helpOffset: 0,
  };
}

export function startReducer(state: StartState, action: StartAction): StartState {
  switch (action.type) {
    case 'runtime-detected':
      return { ...state, detection: action.detection, runtime: action.detection.recommended };
    case 'selection-moved': {
      const count = state.lessons.length;
      if (count === 0) return state;
      return {
        ...state,
        selected: (state.selected + action.by + count) % count,
        message: undefined,
      };
    }
    case 'runtime-cycled': {
      const choices = state.detection?.choices ?? [];
      if (choices.length === 0) return state;
      const at = choices.findIndex((choice) => choice.name === state.runtime);
      const next = choices[(at + 1) % choices.length]!;
      return {
        ...state,
        runtime: next.name,
        message: next.available ? undefined : `${next.name}: ${next.note}`,
      };
    }
    case 'message-shown':
      return { ...state, message: action.message };
    case 'help-toggled':
      return { ...state, helpOpen: !state.helpOpen, helpOffset: 0 };
    case 'help-scrolled':
      return {
        ...state,
        helpOffset: Math.max(0, Math.min(action.max, state.helpOffset + action.by)),
      };
  }
}

/** The chosen runtime can run lessons. */
export function runtimeAvailable(state: StartState): boolean {
  return (
    state.detection?.choices.find((choice) => choice.name === state.runtime)?.available ?? false
  );
}

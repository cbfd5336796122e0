import type { LessonEvent } from '../lesson-engine/lesson-events.ts';
import type { ProgressStore } from './progress-store.ts';

/**
 * Keeps a lesson's progress as its events arrive: the step reached, and "done" once a run
 * finishes with every check passed. Subscribe the result to an engine.
 */
export function progressRecorder(store: ProgressStore, lessonId: string) {
  return (event: LessonEvent): void => {
    if (event.type === 'step-started') store.reached(lessonId, event.step.id);
    if (event.type === 'lesson-finished' && event.outcome.passed) store.finished(lessonId);
  };
}

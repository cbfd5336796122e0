import { join } from 'node:path';
import { checkLesson } from '../../../source/lesson-format/check-lesson.ts';
import type { Lesson } from '../../../source/lesson-format/lesson-types.ts';

export const tuiLessonsDirectory = join(import.meta.dirname, '../../fixtures/tui-lessons');

/** The TUI tests' lesson: explain, apply, waits, a probe, a quiz, a challenge. */
export function tinyLesson(): Lesson {
  const { lesson, problems } = checkLesson(tuiLessonsDirectory, '01-tiny');
  if (!lesson || problems.length > 0)
    throw new Error(`fixture lesson: ${JSON.stringify(problems)}`);
  return lesson;
}

export function stepIndex(lesson: Lesson, id: string): number {
  const index = lesson.steps.findIndex((step) => step.id === id);
  if (index < 0) throw new Error(`no step ${id}`);
  return index;
}

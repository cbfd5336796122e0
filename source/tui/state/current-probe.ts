import type { ProbeStep } from '../../lesson-format/lesson-types.ts';
import type { LessonRunState } from './lesson-run-state.ts';

/**
 * The request the Path pane and "20 more" are about: the probe step being read, else the
 * challenge's first probe check, else the latest probe step before it.
 */
export function currentProbeStep(run: LessonRunState, viewIndex: number): ProbeStep | undefined {
  const steps = run.lesson.steps;
  const last = Math.min(Math.max(viewIndex, 0), steps.length - 1);
  for (let index = last; index >= 0; index--) {
    const step = steps[index]!;
    if (step.type === 'probe') return step;
    if (step.type === 'challenge') {
      const probe = step.check.find((check): check is ProbeStep => check.type === 'probe');
      if (probe) return probe;
    }
  }
  return undefined;
}

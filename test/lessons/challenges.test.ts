import { describe, expect, it } from 'vitest';
import type { ChallengeAction, Learner } from '../../source/lesson-engine/learner.ts';
import { LessonEngine } from '../../source/lesson-engine/lesson-engine.ts';
import type { LessonEvent } from '../../source/lesson-engine/lesson-events.ts';
import { bundledLessonsDirectory, listLessons } from '../../source/lesson-format/lesson-catalog.ts';
import type { ChallengeStep } from '../../source/lesson-format/lesson-types.ts';
import { startSandboxRuntime } from '../../source/runtime/sandbox-runtime.ts';
import { tempDirectory } from '../support/temp-directory.ts';

/** Every challenge of every lesson, found by reading the lessons. */
const challenges = listLessons(bundledLessonsDirectory()).flatMap((lesson) =>
  lesson.steps
    .filter((step): step is ChallengeStep => step.type === 'challenge')
    .map((challenge) => ({ lesson, challenge })),
);

describe('every challenge fails on its starting manifest and passes on its solution', () => {
  it('finds the challenges', () => {
    expect(challenges.length).toBeGreaterThan(0);
  });

  it.each(challenges.map((entry) => [`${entry.lesson.id}: ${entry.challenge.id}`, entry]))(
    '%s',
    async (_name, { lesson, challenge }) => {
      const runtime = await startSandboxRuntime({ pace: 0.05 });
      try {
        const controller = new AbortController();
        // Check the untouched starting manifest, then ask for the reference solution.
        const script: ChallengeAction[] = ['check', 'solution'];
        const learner: Learner = {
          answerQuiz: async () => undefined,
          challengeAction: async (state) =>
            state.challenge.id === challenge.id ? script.shift()! : 'solution',
        };
        const engine = new LessonEngine(lesson, runtime, {
          learner,
          workspaceDirectory: tempDirectory('expose-tutor-challenge-'),
          freshWorkspace: true,
        });
        const verdicts: Extract<LessonEvent, { type: 'challenge-verdict' }>[] = [];
        engine.subscribe((event) => {
          if (event.type === 'challenge-verdict' && event.challenge.id === challenge.id)
            verdicts.push(event);
          // Nothing after the challenge matters here.
          if (event.type === 'challenge-finished' && event.challenge.id === challenge.id)
            controller.abort();
        });
        // Resume right at the challenge: the steps before it are replayed to build its state.
        await engine.run({ startAt: challenge.id, signal: controller.signal });
        expect(verdicts.map(({ source, passed }) => ({ source, passed }))).toEqual([
          { source: 'workspace', passed: false },
          { source: 'solution', passed: true },
        ]);
      } finally {
        await runtime.stop();
      }
    },
    60_000,
  );
});

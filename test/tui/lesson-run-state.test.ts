import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../source/lesson-engine/lesson-events.ts';
import type { ProbeResult } from '../../source/probe/probe.ts';
import {
  initialLessonRun,
  type LessonRunAction,
  type LessonRunState,
  lessonRunReducer,
  maxEntriesPerStep,
  stepsDone,
} from '../../source/tui/state/lesson-run-state.ts';
import { stepIndex, tinyLesson } from './support/tiny-lesson.ts';

const lesson = tinyLesson();

function play(actions: LessonRunAction[], from: LessonRunState = initialLessonRun(lesson)) {
  return actions.reduce(lessonRunReducer, from);
}
const engine = (event: LessonEvent, at = 0): LessonRunAction => ({
  type: 'engine-event',
  event,
  at,
});
const started = (id: string, at = 0) =>
  engine(
    {
      type: 'step-started',
      step: lesson.steps[stepIndex(lesson, id)]!,
      index: stepIndex(lesson, id),
      total: lesson.steps.length,
    },
    at,
  );
const result = (pod: string, index: number): ProbeResult => ({
  index,
  command: 'kubectl exec -n tiny client -- curl -s http://echo/hostname',
  outcome: { kind: 'response', status: 200, headers: [], body: pod },
  body: pod,
  pod,
  latencyMs: 2,
});

describe('lessonRunReducer', () => {
  it('marks the step the learner is asked about as ready, then running, then passed', () => {
    const asked = play([
      engine({ type: 'lesson-started', lesson, runtime: 'sandbox' }),
      { type: 'learner-asked', prompt: 'run', stepId: 'pods-and-a-service/2', at: 0 },
    ]);
    const apply = stepIndex(lesson, 'pods-and-a-service/2');
    expect(asked.current).toBe(apply);
    expect(asked.prompt).toBe('run');
    expect(asked.steps[apply]!.status).toBe('ready');

    const running = play([started('pods-and-a-service/2', 1_000)], asked);
    expect(running.prompt).toBeUndefined();
    expect(running.steps[apply]!.status).toBe('running');
    expect(running.busy).toEqual({
      label: 'applying deployment.yaml, client.yaml, service.yaml',
      since: 1_000,
    });

    const done = play(
      [
        engine({
          type: 'command',
          command: 'kubectl apply --server-side -n tiny -f deployment.yaml',
        }),
        engine({
          type: 'object-applied',
          ref: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'echo' },
          line: 'deployment.apps/echo serverside-applied',
          warnings: [],
        }),
        engine({ type: 'step-finished', step: lesson.steps[apply]!, passed: true }),
      ],
      running,
    );
    expect(done.steps[apply]!.status).toBe('passed');
    expect(done.busy).toBeUndefined();
    expect(done.steps[apply]!.entries.map((entry) => entry.kind)).toEqual(['command', 'applied']);
    expect(stepsDone(done)).toBe(1);
  });

  it('updates a waiting condition in place and times the spinner from the wait', () => {
    const state = play([
      started('pods-and-a-service/3'),
      engine(
        { type: 'waiting', condition: '3 ready endpoints of svc/echo', timeoutMs: 60_000 },
        500,
      ),
      engine({
        type: 'condition-progress',
        condition: '3 ready endpoints of svc/echo',
        detail: '1/3 ready',
      }),
      engine({
        type: 'condition-progress',
        condition: '3 ready endpoints of svc/echo',
        detail: '2/3 ready',
      }),
    ]);
    const wait = state.steps[stepIndex(lesson, 'pods-and-a-service/3')]!;
    expect(wait.entries).toEqual([
      {
        kind: 'condition',
        condition: '3 ready endpoints of svc/echo',
        detail: '2/3 ready',
        state: 'waiting',
      },
    ]);
    expect(state.busy).toEqual({ label: 'waiting for 3 ready endpoints of svc/echo', since: 500 });
    const met = play(
      [
        engine({
          type: 'condition-met',
          condition: '3 ready endpoints of svc/echo',
          detail: '3/3 ready',
          elapsedMs: 1_200,
        }),
      ],
      state,
    );
    expect(met.steps[stepIndex(lesson, 'pods-and-a-service/3')]!.entries[0]).toMatchObject({
      state: 'met',
      detail: '3/3 ready',
      elapsedMs: 1_200,
    });
    expect(met.busy).toBeUndefined();
  });

  it('counts probe answers into one entry and summarises the tally', () => {
    const state = play([
      started('pods-and-a-service/6'),
      engine({ type: 'probe-started', command: 'curl', count: 2, attempt: 1 }),
      engine({ type: 'probe-result', result: result('echo-a', 0), count: 2 }),
      engine({ type: 'probe-result', result: result('echo-b', 1), count: 2 }),
      engine({
        type: 'probe-finished',
        command: 'curl',
        attempts: 1,
        run: {
          results: [],
          tally: {
            total: 2,
            pods: [
              { pod: 'echo-a', hits: 1 },
              { pod: 'echo-b', hits: 1 },
            ],
            unnamed: 0,
            failures: {},
          },
        },
      }),
    ]);
    expect(state.steps[stepIndex(lesson, 'pods-and-a-service/6')]!.entries).toEqual([
      {
        kind: 'probe',
        command: 'curl',
        count: 2,
        answered: 2,
        summary: '2 sent; answered by echo-a 1, echo-b 1',
      },
    ]);
  });

  it('keeps saved variables for later requests, and caps a step’s entries', () => {
    let state = play([
      started('pods-and-a-service/2'),
      engine({ type: 'variable-saved', name: 'echoIP', value: '10.96.0.7' }),
    ]);
    expect(state.variables).toEqual({ namespace: 'tiny', echoIP: '10.96.0.7' });
    for (let n = 0; n < maxEntriesPerStep + 10; n++)
      state = lessonRunReducer(state, engine({ type: 'output', text: `line ${n}` }));
    const entries = state.steps[stepIndex(lesson, 'pods-and-a-service/2')]!.entries;
    expect(entries).toHaveLength(maxEntriesPerStep);
    expect(entries.at(-1)).toEqual({ kind: 'output', text: `line ${maxEntriesPerStep + 9}` });
  });

  it('follows a challenge: tries, hints and the verdict', () => {
    const index = stepIndex(lesson, 'a-selector-that-matches-nothing');
    const challenge = lesson.steps[index]! as Extract<
      (typeof lesson.steps)[number],
      { type: 'challenge' }
    >;
    const state = play([
      started('a-selector-that-matches-nothing'),
      engine({ type: 'challenge-started', challenge, workspaceFile: '/w/echo-backend.yaml' }),
      { type: 'learner-asked', prompt: 'challenge', stepId: challenge.id, at: 0 },
      engine({ type: 'hint-shown', challenge, hint: 'Compare', index: 0, total: 2 }),
      engine({ type: 'challenge-attempt', challenge, source: 'workspace' }, 10),
      engine({ type: 'challenge-verdict', challenge, passed: false, source: 'workspace' }),
    ]);
    expect(state.challenge).toEqual({
      index,
      workspaceFile: '/w/echo-backend.yaml',
      tries: 1,
      hintsShown: 1,
    });
    expect(state.steps[index]!.entries).toEqual([
      { kind: 'hint', hint: 'Compare', index: 0, total: 2 },
      { kind: 'challenge-try', source: 'workspace' },
      { kind: 'challenge-verdict', source: 'workspace', passed: false },
    ]);
    expect(state.busy).toBeUndefined();
  });

  it('marks steps before a resume point as done', () => {
    const state = play([
      engine({
        type: 'lesson-started',
        lesson,
        runtime: 'sandbox',
        resumedAt: 'pods-and-a-service/6',
      }),
    ]);
    const resume = stepIndex(lesson, 'pods-and-a-service/6');
    expect(state.steps.slice(0, resume).every((step) => step.status === 'passed')).toBe(true);
    expect(state.steps[resume]!.status).toBe('new');
    expect(state.resumedAt).toBe('pods-and-a-service/6');
  });

  it('records the outcome, cleanup and a failure the engine could not report', () => {
    const finished = play([
      engine({
        type: 'lesson-finished',
        outcome: { passed: true, cancelled: false, failures: [] },
      }),
    ]);
    expect(finished.phase).toBe('finished');
    const cleaning = play([engine({ type: 'cleanup-started', namespace: 'tiny' }, 5)], finished);
    expect(cleaning).toMatchObject({
      phase: 'cleaning-up',
      busy: { label: 'deleting namespace tiny', since: 5 },
    });
    expect(play([{ type: 'engine-failed', message: 'boom' }]).error).toBe('boom');
  });
});

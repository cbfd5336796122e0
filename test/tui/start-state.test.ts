import { describe, expect, it } from 'vitest';
import type { LessonProgress } from '../../source/progress/progress-store.ts';
import { detectRuntime, type MachineFacts } from '../../source/tui/adapters/runtime-detection.ts';
import {
  initialStart,
  lessonEntries,
  runtimeAvailable,
  type StartAction,
  startReducer,
} from '../../source/tui/state/start-state.ts';
import { tinyLesson } from './support/tiny-lesson.ts';

const lesson = tinyLesson();
const second = { ...lesson, id: 'second', number: '02', title: 'Second' };
const third = { ...lesson, id: 'third', number: '03', title: 'Third' };

function machine(onPath: string[], clusters: string[] = []): MachineFacts {
  return { onPath: (command) => onPath.includes(command), kindClusters: async () => clusters };
}

describe('detectRuntime', () => {
  it('uses the sandbox when neither Docker nor kind is there, and says so', async () => {
    const detection = await detectRuntime(machine([]));
    expect(detection.recommended).toBe('sandbox');
    expect(detection.reason).toBe(
      'neither Docker nor kind was found, so lessons run in the embedded sandbox',
    );
  });

  it("runs on the tutor's kind cluster when it exists", async () => {
    const detection = await detectRuntime(machine(['docker', 'kind'], ['other', 'expose-tutor']));
    expect(detection.recommended).toBe('kind');
    expect(detection.reason).toBe(
      `the tutor's kind cluster "expose-tutor" exists, so lessons run on it`,
    );
    expect(detection.choices.map((choice) => [choice.name, choice.available])).toEqual([
      ['sandbox', true],
      ['kind', true],
      ['context', false],
    ]);
  });

  it('says how to get a kind cluster when Docker and kind are there but the cluster is not', async () => {
    const detection = await detectRuntime(machine(['docker', 'kind'], ['other']));
    expect(detection.recommended).toBe('sandbox');
    expect(detection.reason).toBe(
      "Docker and kind are installed but the tutor's cluster does not exist yet (k8s-expose-tutor cluster up creates it), so lessons run in the embedded sandbox",
    );
    expect(detection.choices[1]).toEqual({
      name: 'kind',
      available: false,
      note: 'create the cluster first: k8s-expose-tutor cluster up',
    });
  });

  it('does not ask kind for clusters when kind is missing', async () => {
    let asked = false;
    const detection = await detectRuntime({
      onPath: (command) => command === 'docker',
      kindClusters: async () => {
        asked = true;
        return [];
      },
    });
    expect(asked).toBe(false);
    expect(detection.reason).toBe(
      'Docker is installed but kind is not, so lessons run in the embedded sandbox',
    );
  });
});

describe('start state', () => {
  const progress: Record<string, LessonProgress> = {
    tiny: { status: 'done', finishedAt: '2026-11-26T10:00:00Z' },
    third: {
      status: 'in-progress',
      stepId: 'pods-and-a-service/6',
      updatedAt: '2026-11-26T11:00:00Z',
    },
  };

  it('lists lessons with their progress and where an unfinished one resumes', () => {
    expect(
      lessonEntries([lesson, second, third], progress).map((entry) => [
        entry.id,
        entry.progress,
        entry.resumeAt,
      ]),
    ).toEqual([
      ['tiny', 'done', undefined],
      ['second', 'new', undefined],
      ['third', 'in-progress', { stepId: 'pods-and-a-service/6', position: 7, total: 10 }],
    ]);
  });

  it('puts the cursor on the lesson in progress, else the first one not done', () => {
    expect(initialStart([lesson, second, third], progress).selected).toBe(2);
    expect(initialStart([lesson, second, third], { tiny: progress.tiny! }).selected).toBe(1);
  });

  it('moves the selection round the list and cycles runtimes, saying why one cannot be used', async () => {
    const detection = await detectRuntime(machine([]));
    const actions: StartAction[] = [
      { type: 'runtime-detected', detection },
      { type: 'selection-moved', by: -1 },
    ];
    const state = actions.reduce(startReducer, initialStart([lesson, second, third], {}));
    expect(state.selected).toBe(2);
    expect(runtimeAvailable(state)).toBe(true);
    const kind = startReducer(state, { type: 'runtime-cycled' });
    expect(kind).toMatchObject({
      runtime: 'kind',
      message: 'kind: needs Docker and kind on PATH, then k8s-expose-tutor cluster up',
    });
    expect(runtimeAvailable(kind)).toBe(false);
    const back = [startReducer(kind, { type: 'runtime-cycled' })].map((s) =>
      startReducer(s, { type: 'runtime-cycled' }),
    )[0]!;
    expect(back).toMatchObject({ runtime: 'sandbox', message: undefined });
  });
});

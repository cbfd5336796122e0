import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../source/lesson-engine/lesson-events.ts';
import type { Step } from '../../source/lesson-format/lesson-types.ts';
import { ProgressStore, progressFileIn } from '../../source/progress/progress-store.ts';
import { progressRecorder } from '../../source/progress/track-progress.ts';
import { tempDirectory } from '../support/temp-directory.ts';

const clock = () => new Date('2026-11-26T12:00:00Z');
const step = (id: string) =>
  ({ type: 'explain', id, section: 's', at: { file: 'f', line: 1 }, markdown: '' }) as Step;

describe('progress', () => {
  it('is kept per lesson id: the step reached, then done', () => {
    const file = progressFileIn(tempDirectory('expose-tutor-progress-'));
    const store = new ProgressStore(file, clock);
    const record = progressRecorder(store, 'clusterip');
    const events: LessonEvent[] = [
      { type: 'step-started', step: step('one-stable-address'), index: 3, total: 9 },
    ];
    for (const event of events) record(event);
    expect(store.get('clusterip')).toEqual({
      status: 'in-progress',
      stepId: 'one-stable-address',
      updatedAt: '2026-11-26T12:00:00.000Z',
    });
    record({ type: 'lesson-finished', outcome: { passed: true, cancelled: false, failures: [] } });
    expect(store.get('clusterip')).toEqual({
      status: 'done',
      finishedAt: '2026-11-26T12:00:00.000Z',
    });
    // Running a finished lesson again does not undo it.
    record({ type: 'step-started', step: step('intro'), index: 0, total: 9 });
    expect(store.get('clusterip')?.status).toBe('done');
    new ProgressStore(file, clock).reached('pods-are-islands', 'intro/2');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      lessons: {
        clusterip: { status: 'done', finishedAt: '2026-11-26T12:00:00.000Z' },
        'pods-are-islands': {
          status: 'in-progress',
          stepId: 'intro/2',
          updatedAt: '2026-11-26T12:00:00.000Z',
        },
      },
    });
  });

  it('reads a missing or damaged file as no progress', () => {
    const directory = tempDirectory('expose-tutor-progress-');
    expect(new ProgressStore(join(directory, 'none.json')).all()).toEqual({});
    writeFileSync(join(directory, 'bad.json'), '{not json');
    expect(new ProgressStore(join(directory, 'bad.json')).all()).toEqual({});
  });
});

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { managedByLabel } from '../../source/cluster/cluster.ts';
import { referenceLearner } from '../../source/lesson-engine/learner.ts';
import { LessonEngine } from '../../source/lesson-engine/lesson-engine.ts';
import type { LessonEvent } from '../../source/lesson-engine/lesson-events.ts';
import { loadLesson } from '../../source/lesson-format/load-lesson.ts';
import { type SandboxRuntime, startSandboxRuntime } from '../../source/runtime/sandbox-runtime.ts';
import { resourceCatalog } from '../../source/sandbox/resources/catalog.ts';
import { projectRoot } from '../cli/run-cli.ts';
import { eventually } from '../support/sandbox.ts';
import { tempDirectory } from '../support/temp-directory.ts';

const fixtures = join(projectRoot, 'test/fixtures/engine-lessons');
let runtime: SandboxRuntime;

beforeAll(async () => {
  runtime = await startSandboxRuntime({ pace: 0.05 });
});
afterAll(async () => {
  await runtime.stop();
});

/** Client sockets and accepted connections alike: every TCP socket handle of this process. */
function openSockets(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'TCPSocketWrap').length;
}

/** Objects the tutor made, anywhere in the sandbox. */
function labelledObjects(): string[] {
  return resourceCatalog.flatMap((def) =>
    runtime.sandbox.store
      .scan(def.id)
      .filter((object) => object.metadata.labels?.[managedByLabel] === 'k8s-expose-tutor')
      .map((object) => `${def.kind}/${object.metadata.namespace}/${object.metadata.name}`),
  );
}

describe('cancelling a lesson', () => {
  it('stops a step that would wait ten minutes, and cleanup leaves no objects and no sockets', async () => {
    const { lesson } = loadLesson(fixtures, '01-never-ready');
    const baseline = openSockets();
    let peak = 0;
    const engine = new LessonEngine(lesson!, runtime, {
      learner: referenceLearner,
      workspaceDirectory: tempDirectory('expose-tutor-cancel-'),
    });
    const controller = new AbortController();
    const events: LessonEvent['type'][] = [];
    engine.subscribe((event) => {
      events.push(event.type);
      peak = Math.max(peak, openSockets());
      if (event.type === 'waiting' && event.timeoutMs >= 60_000) controller.abort();
    });
    const outcome = await engine.run({ signal: controller.signal });
    expect(outcome).toMatchObject({ cancelled: true, passed: false, lastStepId: 'intro/5' });
    // The probe ran through pods/exec before the cancel: sockets were really used.
    expect(events).toContain('probe-finished');
    expect(peak).toBeGreaterThan(baseline);
    expect(events.at(-1)).toBe('lesson-finished');
    expect(runtime.sandbox.store.scan('/pods', 'never-ready').length).toBeGreaterThan(0);

    await engine.cleanup();
    expect(runtime.sandbox.store.peek('/namespaces', undefined, 'never-ready')).toBeUndefined();
    expect(labelledObjects()).toEqual([]);
    // Closed by the tutor, not left for undici's keep-alive timeout (4 s) to reap.
    await eventually(() => openSockets() <= baseline, 1_500, 'the lesson’s sockets to close');
  });

  it('returns at once when the signal is already aborted', async () => {
    const { lesson } = loadLesson(fixtures, '01-never-ready');
    const engine = new LessonEngine(lesson!, runtime, {
      learner: referenceLearner,
      workspaceDirectory: tempDirectory('expose-tutor-cancel-'),
    });
    const outcome = await engine.run({ signal: AbortSignal.abort() });
    expect(outcome).toMatchObject({ cancelled: true, passed: false });
    await engine.cleanup();
    expect(labelledObjects()).toEqual([]);
  });
});

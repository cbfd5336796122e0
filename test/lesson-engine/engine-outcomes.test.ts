import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLessonCommand } from '../../source/cli/commands/run-command.ts';
import type { Cluster } from '../../source/cluster/cluster.ts';
import { referenceLearner } from '../../source/lesson-engine/learner.ts';
import { LessonEngine } from '../../source/lesson-engine/lesson-engine.ts';
import type { LessonEvent } from '../../source/lesson-engine/lesson-events.ts';
import { loadLesson } from '../../source/lesson-format/load-lesson.ts';
import type { Probe } from '../../source/probe/probe.ts';
import { projectRoot } from '../cli/run-cli.ts';
import { tempDirectory } from '../support/temp-directory.ts';
import { textSink } from '../support/text-sink.ts';

const fixtures = join(projectRoot, 'test/fixtures/engine-lessons');

/** A cluster and probe that fail the test if the engine touches them. */
const untouchable = new Proxy(
  {},
  {
    get(_target, name) {
      return () => {
        throw new Error(`the engine called ${String(name)} on a runtime it should not use`);
      };
    },
  },
);

describe('the lesson engine', () => {
  it('says up front that a runtime lacks what the lesson needs, and touches nothing', async () => {
    const { lesson } = loadLesson(fixtures, '02-needs-a-load-balancer');
    const engine = new LessonEngine(
      lesson!,
      {
        name: 'sandbox',
        cluster: untouchable as Cluster,
        probe: untouchable as Probe,
        capabilities: new Set(['ingress', 'gateway']),
        timeScale: 1,
      },
      { learner: referenceLearner, workspaceDirectory: tmpdir() },
    );
    expect(engine.missingNeeds()).toEqual(['loadBalancer']);
    const events: LessonEvent[] = [];
    engine.subscribe((event) => events.push(event));
    const outcome = await engine.run();
    expect(outcome).toMatchObject({ passed: false, cancelled: false });
    expect(events.map((event) => event.type)).toEqual(['needs-missing', 'lesson-finished']);
  });

  it('makes run --plain exit 1 when a check fails, and carries on to the end', async () => {
    const state = tempDirectory('expose-tutor-failing-');
    const stdout = textSink();
    const stderr = textSink();
    const exitCode = await runLessonCommand(
      'failing-check',
      { plain: true, pace: '0.05' },
      { stdout, stderr, env: { NO_COLOR: '1' }, lessonsDirectory: fixtures, stateDirectory: state },
    );
    const transcript = stdout.text();
    expect(exitCode, `${transcript}${stderr.text()}`).toBe(1);
    expect(transcript).toContain(
      '$ kubectl exec -n failing-check client -- curl -s http://nowhere/hostname',
    );
    expect(transcript).toMatch(/^✗ every response is 200 — 1 × name not resolved$/m);
    // The quiz after the failure still ran, with its answer shown.
    expect(transcript).toMatch(/b\) no {3}← answer/);
    expect(transcript).toContain('✗ 1 check failed:');
    // Not done: the progress stays at the last step reached.
    const progress = JSON.parse(readFileSync(join(state, 'progress.json'), 'utf8'));
    expect(progress.lessons['failing-check']).toMatchObject({
      status: 'in-progress',
      stepId: 'intro/5',
    });
  });
});

// Lessons on the sandbox at the default pace, as a learner or an instructor runs them:
// 1. wall time of `k8s-expose-tutor run <lesson> --plain` (the built bundle), per lesson, as a
//    ratio to `k8s-expose-tutor lessons` (starting the CLI and reading the lessons);
// 2. apply → first successful probe (median over every apply that a passing probe follows),
//    as a ratio to one successful request's own latency.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceLearner } from '../source/lesson-engine/learner.ts';
import { LessonEngine } from '../source/lesson-engine/lesson-engine.ts';
import { bundledLessonsDirectory, listLessons } from '../source/lesson-format/lesson-catalog.ts';
import { startSandboxRuntime } from '../source/runtime/sandbox-runtime.ts';
import { median, medianOf, report } from './measure.ts';

const runs = Number(process.env.RUNS ?? 3);
const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) throw new Error('build first: npm run build');
const state = mkdtempSync(join(tmpdir(), 'bench-lessons-'));
const env = { ...process.env, XDG_STATE_HOME: state, NO_COLOR: '1' };
const lessons = listLessons(bundledLessonsDirectory());

const listing = await medianOf(runs, () =>
  spawnSync(process.execPath, [cli, 'lessons'], { env, stdio: 'ignore' }),
);
for (const lesson of lessons) {
  const wall = await medianOf(runs, () => {
    const result = spawnSync(process.execPath, [cli, 'run', lesson.id, '--plain'], {
      env,
      stdio: 'ignore',
    });
    if (result.status !== 0) throw new Error(`run ${lesson.id} exited ${result.status}`);
  });
  report(`run ${lesson.id} --plain (median)`, wall, 'lessons', listing);
}

const applyToProbe: number[] = [];
const requestLatency: number[] = [];
const runtime = await startSandboxRuntime();
try {
  for (const lesson of lessons) {
    const engine = new LessonEngine(lesson, runtime, {
      learner: referenceLearner,
      workspaceDirectory: join(state, 'workspace', lesson.id),
      freshWorkspace: true,
    });
    let appliedAt: number | undefined;
    let probeJustFinished = false;
    engine.subscribe((event) => {
      if (event.type === 'object-applied') appliedAt ??= performance.now();
      if (event.type === 'probe-result' && event.result.outcome.kind === 'response')
        requestLatency.push(event.result.latencyMs);
      if (event.type === 'probe-finished') probeJustFinished = true;
      else if (event.type === 'check-passed' && probeJustFinished && appliedAt !== undefined) {
        applyToProbe.push(performance.now() - appliedAt);
        appliedAt = undefined;
      }
      if (event.type !== 'probe-finished' && event.type !== 'check-passed')
        probeJustFinished = false;
    });
    const outcome = await engine.run();
    if (!outcome.passed) throw new Error(`${lesson.id} failed: ${outcome.failures.join('; ')}`);
  }
} finally {
  await runtime.stop();
}
report(
  `apply → first passing probe (median of ${applyToProbe.length})`,
  median(applyToProbe),
  'one request',
  median(requestLatency),
);

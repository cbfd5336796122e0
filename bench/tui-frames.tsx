// The TUI's speed: time to first frame of the built CLI in a terminal (as ratios to `node -e 0`
// and `kubectl version --client`), render time per frame while 1,000 watch events arrive in a
// burst, and CPU use while a lesson sits open.
import { spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink';
import type { Cluster } from '../source/cluster/cluster.ts';
import { loadLesson } from '../source/lesson-format/load-lesson.ts';
import type { Probe } from '../source/probe/probe.ts';
import { App } from '../source/tui/app.tsx';
import { LessonSession } from '../source/tui/session/lesson-session.ts';
import type { ObjectSource } from '../source/tui/session/object-source.ts';
import { TutorApp } from '../source/tui/session/tutor-app.ts';
import { maxFps } from '../source/tui/start-tui.tsx';
import { createTheme } from '../source/tui/theme.ts';
import { formatMs, median, medianOf, report } from './measure.ts';

const runs = Number(process.env.RUNS ?? 5);
const root = join(import.meta.dirname, '..');
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(cli)) throw new Error('build first: npm run build');

/** Milliseconds from spawn to the start screen's first frame, in a pseudo-terminal (script(1)). */
function firstFrame(): Promise<number> {
  return new Promise((resolve, reject) => {
    const state = mkdtempSync(join(tmpdir(), 'bench-tui-'));
    const start = performance.now();
    const child = spawn('script', ['-qfec', `${process.execPath} ${cli}`, '/dev/null'], {
      env: { ...process.env, XDG_STATE_HOME: state, COLUMNS: '120', LINES: '40' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    let seen = false;
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (seen || !output.includes('Lessons')) return;
      seen = true;
      const elapsed = performance.now() - start;
      child.once('exit', () => resolve(elapsed));
      child.stdin.write('q');
    });
    child.once('error', reject);
  });
}

const hasScript = spawnSync('script', ['--version']).status === 0;
if (hasScript) {
  const node = await medianOf(runs, () => spawnSync(process.execPath, ['-e', '0']));
  const kubectl = await medianOf(runs, () => spawnSync('kubectl', ['version', '--client']));
  const frames: number[] = [];
  for (let i = 0; i < runs; i++) frames.push(await firstFrame());
  report('TUI start → first frame (median)', median(frames), 'node -e 0', node);
  report('TUI start → first frame (median)', median(frames), 'kubectl version --client', kubectl);
} else console.log('script(1) is missing: time to first frame skipped');

// A lesson open on a fake cluster, fed 1,000 pod events at once by a fake watch.
const { lesson } = loadLesson(join(root, 'lessons'), '02-clusterip');
if (!lesson) throw new Error('lesson 02-clusterip does not load');
const cluster = { cleanup: async () => {}, ensureNamespace: async () => {} } as unknown as Cluster;
const runtime = {
  name: 'sandbox' as const,
  cluster,
  probe: {} as Probe,
  capabilities: new Set<never>(),
  timeScale: 1,
};
let emit: Parameters<ObjectSource['start']>[0] = () => {};
const objectSource: ObjectSource = { start: (onEvent) => (emit = onEvent) };
const tutor = new TutorApp({
  lessons: [lesson],
  progress: { all: () => ({}), reached: () => {}, finished: () => {} },
  detectRuntime: async () => ({ recommended: 'sandbox', reason: 'bench', choices: [] }),
  openRuntime: async () => ({ ...runtime, description: 'bench', stop: async () => {} }),
  objectSource: async () => objectSource,
  workspaceDirectory: () => mkdtempSync(join(tmpdir(), 'bench-tui-')),
  openEditor: async () => {},
  logFile: '/dev/null',
  log: () => {},
});
tutor.session = new LessonSession(lesson, {
  runtime,
  objectSource,
  workspaceDirectory: mkdtempSync(join(tmpdir(), 'bench-tui-')),
});
tutor.session.start();
tutor.app.dispatch({ type: 'lesson-opened', lessonId: lesson.id });

class Terminal extends EventEmitter {
  isTTY = true;
  columns = 120;
  rows = 40;
  bytes = 0;
  write = (text: string) => {
    this.bytes += Buffer.byteLength(text);
    return true;
  };
}
class Keyboard extends EventEmitter {
  isTTY = true;
  setRawMode() {}
  setEncoding() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => null;
}
const stdout = new Terminal();
const renderTimes: number[] = [];
const instance = render(<App tutor={tutor} theme={createTheme({})} />, {
  stdout: stdout as unknown as NodeJS.WriteStream,
  stdin: new Keyboard() as unknown as NodeJS.ReadStream,
  stderr: new Terminal() as unknown as NodeJS.WriteStream,
  maxFps,
  exitOnCtrlC: false,
  patchConsole: false,
  interactive: true,
  onRender: ({ renderTime }) => renderTimes.push(renderTime),
});
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
await settle(500);

// The burst: 1,000 events for 50 pods, 100 per turn of the event loop, as a socket delivers them.
renderTimes.length = 0;
stdout.bytes = 0;
let worstLag = 0;
let last = performance.now();
const lagProbe = setInterval(() => {
  const now = performance.now();
  worstLag = Math.max(worstLag, now - last - 5);
  last = now;
}, 5);
const burstStart = performance.now();
for (let n = 0; n < 1_000; n++) {
  const name = `echo-6d9f8c7b5-${String(n % 50).padStart(5, '0')}`;
  emit({
    type: n < 50 ? 'ADDED' : 'MODIFIED',
    resourceId: '/pods',
    object: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: lesson.namespace,
        uid: `uid-${n % 50}`,
        resourceVersion: String(1_000 + n),
        creationTimestamp: new Date().toISOString(),
      },
      spec: { nodeName: 'expose-tutor-worker', containers: [{ name: 'agnhost' }] },
      status: {
        phase: 'Running',
        podIP: `10.244.1.${n % 50}`,
        podIPs: [{ ip: `10.244.1.${n % 50}` }],
        containerStatuses: [{ name: 'agnhost', ready: n % 2 === 0, restartCount: 0 }],
      },
    },
  });
  if (n % 100 === 99) await new Promise((resolve) => setImmediate(resolve));
}
const burstMs = performance.now() - burstStart;
await settle(1_000);
clearInterval(lagProbe);
console.log(
  `1,000 watch events (delivered in ${formatMs(burstMs)}) → ${renderTimes.length} frames in the next second, ` +
    `render median ${formatMs(median(renderTimes))}, worst ${formatMs(Math.max(...renderTimes))}, ` +
    `${(stdout.bytes / 1024).toFixed(0)} KiB written, worst event-loop lag ${formatMs(worstLag)}`,
);

// Idle: the lesson open, nothing happening.
await settle(1_500);
const cpuBefore = process.cpuUsage();
const idleFramesBefore = renderTimes.length;
const idleSeconds = 5;
await settle(idleSeconds * 1_000);
const cpu = process.cpuUsage(cpuBefore);
console.log(
  `idle with a lesson open: ${((cpu.user + cpu.system) / 1_000 / idleSeconds).toFixed(1)} ms CPU per second ` +
    `(${((cpu.user + cpu.system) / 10_000 / idleSeconds).toFixed(2)}% of a core), ` +
    `${((renderTimes.length - idleFramesBefore) / idleSeconds).toFixed(1)} frames per second`,
);
instance.unmount();
await tutor.session.leave({ cleanUp: false });
process.exit(0);

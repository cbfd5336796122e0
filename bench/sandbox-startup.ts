// Sandbox start to ready (kubeconfig written, API answering), as a ratio to the cost of
// starting Node itself (`node -e 0`). Runs the built bundle, as users do.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, medianOf, report } from './measure.ts';

const runs = Number(process.env.RUNS ?? 7);
const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) throw new Error('build first: npm run build');
const dir = mkdtempSync(join(tmpdir(), 'bench-startup-'));

/** Milliseconds from spawn to the "ready" instructions on stdout; then stops the sandbox. */
function startUntilReady(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const args = [cli, 'sandbox', '--kubeconfig', join(dir, 'kubeconfig')];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!output.includes('kubectl get nodes')) return;
      const elapsed = performance.now() - start;
      child.once('exit', () => resolve(elapsed));
      child.kill('SIGTERM');
    });
    child.once('error', reject);
  });
}

const nodeBaseline = await medianOf(runs, () => spawnSync(process.execPath, ['-e', '0']));
const startTimes: number[] = [];
for (let i = 0; i < runs; i++) startTimes.push(await startUntilReady());
report('sandbox start → ready (median)', median(startTimes), 'node -e 0', nodeBaseline);

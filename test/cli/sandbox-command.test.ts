import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, kubectlBinary } from '../support/sandbox.ts';
import { tempDirectory } from '../support/temp-directory.ts';
import { startCli } from './run-cli.ts';

const dir = tempDirectory('expose-tutor-cli-');
const running: { kill(signal?: NodeJS.Signals): boolean }[] = [];
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
});

describe('k8s-expose-tutor sandbox', () => {
  it('serves kubectl through the kubeconfig it writes, and cleans up on SIGTERM', async () => {
    const kubeconfig = join(dir, 'nested', 'sandbox.kubeconfig');
    const child = startCli(['sandbox', '--kubeconfig', kubeconfig]);
    running.push(child);
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    await eventually(
      () => output.includes('kubectl get nodes'),
      20_000,
      'the sandbox to print its instructions',
    );
    expect(output).toContain(`export KUBECONFIG=${kubeconfig}`);
    expect(output).toMatch(/Kubernetes API on https:\/\/127\.0\.0\.1:\d+/);
    expect(statSync(kubeconfig).mode & 0o777).toBe(0o600);

    const nodes = await execa(
      kubectlBinary,
      ['get', 'nodes', '-o', 'name', '--cache-dir', join(dir, 'cache')],
      {
        env: { KUBECONFIG: kubeconfig },
      },
    );
    expect(nodes.stdout).toContain('node/expose-tutor-worker2');

    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(existsSync(kubeconfig)).toBe(false);
  });

  it('explains a port that is already in use, in one line with exit code 2', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const result = await startCli([
        'sandbox',
        '--port',
        String(port),
        '--kubeconfig',
        join(dir, 'busy.kubeconfig'),
      ]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toBe(
        `k8s-expose-tutor: port ${port} on 127.0.0.1 is already in use: choose another with --port, or leave --port out to use a free one`,
      );
      expect(existsSync(join(dir, 'busy.kubeconfig'))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('explains a kubeconfig path it cannot write', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const result = await startCli(['sandbox', '--kubeconfig', join(file, 'kubeconfig')]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      `k8s-expose-tutor: cannot write the kubeconfig to ${join(file, 'kubeconfig')} (${file} is not a directory): choose another path with --kubeconfig`,
    );
  });

  it('never overwrites a kubeconfig it did not write', async () => {
    const theirs = join(dir, 'config');
    writeFileSync(theirs, 'apiVersion: v1\nkind: Config\ncurrent-context: production\n');
    const result = await startCli(['sandbox', '--kubeconfig', theirs]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('already exists and is not a sandbox kubeconfig');
    expect(readFileSync(theirs, 'utf8')).toContain('current-context: production');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, kubectlBinary } from '../support/sandbox.ts';
import { agnhostDeploymentYaml, serviceYaml } from '../support/workloads.ts';
import { startCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'expose-tutor-cli-host-'));
const running: { kill(signal?: NodeJS.Signals): boolean }[] = [];
afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const manifest = `
${agnhostDeploymentYaml({ namespace: 'default' })}---
${serviceYaml({ namespace: 'default', type: 'NodePort' })}`;

describe('k8s-expose-tutor sandbox', () => {
  it('prints a curl line for each node port as it appears, and that curl reaches a pod', async () => {
    const kubeconfig = join(dir, 'sandbox.kubeconfig');
    const child = startCli(['sandbox', '--kubeconfig', kubeconfig]);
    running.push(child);
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    await eventually(() => output.includes('kubectl get nodes'), 20_000, 'the instructions');
    const kubectl = (args: string[], input?: string) =>
      execa(kubectlBinary, ['--cache-dir', join(dir, 'cache'), ...args], {
        env: { KUBECONFIG: kubeconfig },
        ...(input ? { input } : {}),
      });
    await kubectl(['apply', '-f', '-'], manifest);

    const line = await eventually(
      () =>
        output
          .split('\n')
          .find((l) => l.startsWith('NodePort default/echo on expose-tutor-worker:')),
      20_000,
      'the NodePort line',
    );
    const match =
      /^NodePort default\/echo on expose-tutor-worker: curl (http:\/\/127\.[\d.]+:\d+\/hostname) \(172\.18\.0\.3:(3\d{4})\)$/.exec(
        line,
      );
    expect(match).not.toBeNull();
    const nodePort = (
      await kubectl(['get', 'service', 'echo', '-o', 'jsonpath={.spec.ports[0].nodePort}'])
    ).stdout;
    expect(match![2]).toBe(nodePort);
    expect(output).toContain('NodePort default/echo on expose-tutor-control-plane: curl http://');
    expect(output).toContain('NodePort default/echo on expose-tutor-worker2: curl http://');

    const pods = await kubectl(['get', 'pods', '-l', 'app=echo', '-o', 'name']);
    const answer = await eventually(
      async () => {
        const result = await execa('curl', ['--noproxy', '*', '-s', '-m', '5', match![1]!], {
          reject: false,
        });
        return result.exitCode === 0 && result.stdout;
      },
      30_000,
      'a pod to answer the printed curl',
    );
    expect(pods.stdout.split('\n')).toContain(`pod/${answer}`);

    await kubectl(['delete', 'service', 'echo']);
    await eventually(
      () =>
        output.includes(
          'NodePort default/echo on expose-tutor-worker: no longer exposed (172.18.0.3:',
        ),
      20_000,
      'the closing line',
    );
    child.kill('SIGTERM');
    expect((await child).exitCode).toBe(0);
  }, 120_000);
});

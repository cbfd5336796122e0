import { describe, expect, it } from 'vitest';
import { tempDirectory } from '../support/temp-directory.ts';
import { startCli } from './run-cli.ts';

const state = tempDirectory('expose-tutor-cli-lessons-');
const env = { ...process.env, XDG_STATE_HOME: state, NO_COLOR: '1' };

describe('k8s-expose-tutor run and lessons', () => {
  it.each([
    [
      ['run', 'nope', '--plain'],
      'k8s-expose-tutor: unknown lesson "nope": choose one of pods-are-islands, clusterip, nodeport, loadbalancer, ingress',
    ],
    [
      ['run', 'clusterip', '--plain', '--context', 'prod'],
      'k8s-expose-tutor: --context and --allow-writes go with --runtime context',
    ],
    [
      ['run', 'clusterip', '--plain', '--runtime', 'context'],
      'k8s-expose-tutor: lessons create objects in the cluster they run on: name a context with --context NAME and add --allow-writes (you will be asked to type its name), or use --runtime kind or sandbox',
    ],
    [
      ['run', 'clusterip'],
      'k8s-expose-tutor: run prints a lesson as a transcript: add --plain (for the interactive lessons, start k8s-expose-tutor with no arguments)',
    ],
  ])('%j fails in one line with exit code 2', async (args, message) => {
    const result = await startCli(args, { env });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(message);
    expect(result.stdout).toBe('');
  });

  it('runs a lesson by number, prints its transcript, exits 0 and records progress', async () => {
    const result = await startCli(['run', '1', '--plain', '--pace', '0.05'], { env });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Lesson 01 · Pods are islands$/m);
    expect(result.stdout).toContain('$ kubectl get pods -o wide -n pods-are-islands');
    expect(result.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/m);
    expect(result.stdout).toMatch(/✓ All \d+ checks passed\./);

    const list = await startCli(['lessons', '--json'], { env });
    expect(list.exitCode).toBe(0);
    const lessons = JSON.parse(list.stdout);
    expect(lessons.map((lesson: { id: string }) => lesson.id)).toEqual([
      'pods-are-islands',
      'clusterip',
      'nodeport',
      'loadbalancer',
      'ingress',
    ]);
    expect(lessons[0]).toMatchObject({
      number: '01',
      title: 'Pods are islands',
      progress: { status: 'done' },
    });
    expect(lessons[1].progress).toBeNull();

    const text = await startCli(['lessons'], { env });
    expect(text.stdout).toMatch(/^01 {2}pods-are-islands {2}Pods are islands {2}\s*done$/m);
    expect(text.stdout).toMatch(/^02 {2}clusterip {9}ClusterIP {9}not started$/m);
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type SandboxHarness, startHarness } from '../support/sandbox.ts';
import { agnhostDeploymentYaml } from '../support/workloads.ts';

// The whole control plane together: Deployment → ReplicaSet → scheduled, ready pods →
// EndpointSlice, driven by real kubectl the way a learner would drive it.
let harness: SandboxHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
});

const manifest = `
${agnhostDeploymentYaml({ namespace: 'default', replicas: 3, namedPort: true })}---
apiVersion: v1
kind: Service
metadata:
  name: echo
  namespace: default
spec:
  selector: {app: echo}
  ports:
  - {port: 80, targetPort: http}
`;

interface Slice {
  endpoints:
    | {
        addresses: string[];
        conditions: { ready: boolean };
        nodeName: string;
        targetRef: { name: string };
      }[]
    | null;
  ports: { port: number }[];
}

async function slices(): Promise<Slice[]> {
  const result = await harness.kubectl([
    'get',
    'endpointslices',
    '-l',
    'kubernetes.io/service-name=echo',
    '-o',
    'json',
  ]);
  return JSON.parse(result.stdout).items as Slice[];
}

describe('a 3-replica Deployment behind a Service', () => {
  it('runs 3 ready pods over both workers, and the EndpointSlice lists all 3 as ready', async () => {
    const applied = await harness.kubectl(['apply', '-f', '-'], manifest);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toBe('deployment.apps/echo created\nservice/echo created');

    const rollout = await harness.kubectl([
      'rollout',
      'status',
      'deployment/echo',
      '--timeout=30s',
    ]);
    expect(rollout.stdout).toContain('deployment "echo" successfully rolled out');

    const pods = JSON.parse(
      (await harness.kubectl(['get', 'pods', '-l', 'app=echo', '-o', 'json'])).stdout,
    ).items as {
      metadata: { name: string };
      spec: { nodeName: string };
      status: { podIP: string; conditions: { type: string; status: string }[] };
    }[];
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(
        /^echo-[bcdfghjklmnpqrstvwxz2456789]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/,
      );
      expect(pod.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    }
    expect(new Set(pods.map((pod) => pod.spec.nodeName))).toEqual(
      new Set(['expose-tutor-worker', 'expose-tutor-worker2']),
    );

    const ready = await eventually(
      async () => {
        const endpoints = (await slices()).flatMap((slice) => slice.endpoints ?? []);
        return endpoints.filter((e) => e.conditions.ready).length === 3 ? endpoints : undefined;
      },
      10_000,
      'three ready endpoints',
    );
    expect(ready.map((e) => e.addresses[0]).sort()).toEqual(
      pods.map((pod) => pod.status.podIP).sort(),
    );
    expect((await slices())[0]!.ports).toEqual([expect.objectContaining({ port: 8080 })]);

    const wide = await harness.kubectl(['get', 'pods', '-o', 'wide']);
    expect(wide.stdout.split('\n')[0]).toMatch(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/,
    );
    expect(wide.stdout.match(/1\/1\s+Running/g)).toHaveLength(3);
  });

  it('has no endpoints once scaled to zero', async () => {
    const scaled = await harness.kubectl(['scale', 'deployment/echo', '--replicas=0']);
    expect(scaled.stdout).toBe('deployment.apps/echo scaled');
    await eventually(
      async () => (await slices()).every((slice) => (slice.endpoints ?? []).length === 0),
      10_000,
      'no endpoints',
    );
    await eventually(
      async () =>
        (await harness.kubectl(['get', 'pods', '-l', 'app=echo', '-o', 'name'])).stdout === '',
      10_000,
      'pods gone',
    );
  });

  it('deletes the Deployment promptly, and its ReplicaSets with it', async () => {
    const deleted = await harness.kubectl(['delete', 'deployment', 'echo']);
    expect(deleted.stdout).toBe('deployment.apps "echo" deleted');
    await eventually(
      async () => (await harness.kubectl(['get', 'replicasets', '-o', 'name'])).stdout === '',
      10_000,
      'ReplicaSets gone',
    );
  });
});

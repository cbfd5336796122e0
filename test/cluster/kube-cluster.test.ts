import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterApiError, managedByLabel } from '../../source/cluster/cluster.ts';
import { KubeCluster } from '../../source/cluster/kube-cluster.ts';
import { resourceById } from '../../source/sandbox/resources/catalog.ts';
import { type Sandbox, startSandbox } from '../../source/sandbox/sandbox.ts';
import { agnhostDeployment, serviceFor } from '../support/workloads.ts';

let sandbox: Sandbox;
let cluster: KubeCluster;

beforeAll(async () => {
  sandbox = await startSandbox({ controllerOptions: { pace: 0.05 } });
  const kc = new KubeConfig();
  kc.loadFromString(sandbox.kubeconfig());
  cluster = new KubeCluster(kc);
});
afterAll(async () => {
  await sandbox.stop();
});

const deployment = agnhostDeployment();

describe('KubeCluster against the sandbox', () => {
  it('applies into a labelled namespace and waits for ready pods and endpoints', async () => {
    await cluster.ensureNamespace('lesson-a');
    const { object } = await cluster.apply(deployment, { namespace: 'lesson-a' });
    expect(object.metadata.namespace).toBe('lesson-a');
    expect(object.metadata.labels?.[managedByLabel]).toBe('k8s-expose-tutor');
    expect(object.metadata.managedFields?.[0]?.manager).toBe('k8s-expose-tutor');
    await cluster.apply(serviceFor(), { namespace: 'lesson-a' });
    const pods = await cluster.waitFor(
      { type: 'podsReady', namespace: 'lesson-a', selector: 'app=echo', count: 2 },
      { timeoutMs: 10_000 },
    );
    expect(pods.met).toBe(true);
    const endpoints = await cluster.waitFor(
      { type: 'endpointsReady', namespace: 'lesson-a', service: 'echo', count: 2 },
      { timeoutMs: 10_000 },
    );
    expect(endpoints).toMatchObject({ met: true });
    const listed = await cluster.list({ apiVersion: 'v1', kind: 'Pod', namespace: 'lesson-a' });
    expect(listed).toHaveLength(2);
    expect(typeof listed[0]!.metadata.creationTimestamp).toBe('string');
  });

  it('reports the server’s refusal, strict decoding included', async () => {
    const error = await cluster
      .apply(
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'typo' },
          spec: { selectr: { app: 'echo' }, ports: [{ port: 80 }] },
        },
        { namespace: 'lesson-a' },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterApiError);
    expect((error as ClusterApiError).message).toContain(
      '.spec.selectr: field not declared in schema',
    );
    // That Status has no reason, so kubectl prints no parentheses.
    expect((error as ClusterApiError).kubectlLine()).toMatch(
      /^Error from server: failed to create typed patch object \(lesson-a\/typo; \/v1, Kind=Service\): \.spec\.selectr: field not declared in schema$/,
    );
    const missing = await cluster
      .apply(
        { apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress', metadata: { name: 'old' } },
        { namespace: 'lesson-a' },
      )
      .catch((e: unknown) => e);
    expect((missing as ClusterApiError).kubectlLine()).toBe(
      'error: no matches for kind "Ingress" in version "networking.k8s.io/v1beta1"',
    );
  });

  it('times out a condition that cannot hold, and stops at once when aborted', async () => {
    const timedOut = await cluster.waitFor(
      { type: 'endpointsReady', namespace: 'lesson-a', service: 'nothing', count: 1 },
      { timeoutMs: 200 },
    );
    expect(timedOut).toMatchObject({ met: false, detail: 'no EndpointSlice yet' });
    const controller = new AbortController();
    const waiting = cluster.waitFor(
      { type: 'endpointsReady', namespace: 'lesson-a', service: 'nothing', count: 1 },
      { timeoutMs: 600_000, signal: controller.signal },
    );
    controller.abort();
    expect(await waiting).toMatchObject({ met: false, cancelled: true });
  });

  it('refuses a namespace it did not create, and cleans up only its own', async () => {
    sandbox.ops.create(resourceById('/namespaces'), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'users-own' },
    });
    await expect(cluster.ensureNamespace('users-own')).rejects.toThrow(
      /not created by k8s-expose-tutor/,
    );
    await cluster.cleanup('users-own');
    expect(
      await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name: 'users-own' }),
    ).toBeDefined();
    await cluster.cleanup('lesson-a');
    expect(
      await cluster.get({ apiVersion: 'v1', kind: 'Namespace', name: 'lesson-a' }),
    ).toBeUndefined();
    expect(sandbox.store.scan('/pods', 'lesson-a')).toEqual([]);
  });
});

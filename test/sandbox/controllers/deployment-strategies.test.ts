import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { type Sandbox, startSandbox } from '../../../source/sandbox/sandbox.ts';
import { eventually } from '../../support/sandbox.ts';

/** How Deployments move pods between ReplicaSets, watched from inside the store. */

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

const deployments = resourceById('apps/deployments');

function create(name: string, spec: Json = {}): void {
  sandbox.ops.create(deployments, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: 'web', image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1' }],
        },
      },
      ...spec,
    },
  });
}

function setImage(name: string, image: string): void {
  const deployment = sandbox.store.get('apps/deployments', 'default', name)!;
  deployment.spec.template.spec.containers[0].image = image;
  sandbox.ops.update(deployments, deployment);
}

function replicaSetsOf(name: string): Readonly<KubeObject>[] {
  return sandbox.store
    .scan('apps/replicasets', 'default')
    .filter((rs) => rs.metadata.ownerReferences?.[0]?.name === name);
}

function podsOf(name: string): Readonly<KubeObject>[] {
  return sandbox.store.scan('/pods', 'default').filter((pod) => pod.metadata.labels?.app === name);
}

async function complete(name: string, revision: string): Promise<void> {
  await eventually(() => {
    const d = sandbox.store.peek('apps/deployments', 'default', name);
    return (
      d?.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision &&
      d.status?.observedGeneration === d.metadata.generation &&
      d.status?.conditions?.some((c: Json) => c.reason === 'NewReplicaSetAvailable') &&
      d.status?.updatedReplicas === d.spec.replicas &&
      d.status?.availableReplicas === d.spec.replicas &&
      d.status?.replicas === d.spec.replicas
    );
  });
}

describe('Deployment strategies', () => {
  it('rolls within maxSurge and maxUnavailable', async () => {
    create('rolling');
    await complete('rolling', '1');
    const seen = { maxDesired: 0, minAvailable: Number.POSITIVE_INFINITY };
    const unsubscribe = sandbox.store.subscribe((event) => {
      if (event.resource !== 'apps/replicasets') return;
      const sets = replicaSetsOf('rolling');
      seen.maxDesired = Math.max(
        seen.maxDesired,
        sets.reduce((sum, rs) => sum + rs.spec.replicas, 0),
      );
      seen.minAvailable = Math.min(
        seen.minAvailable,
        sets.reduce((sum, rs) => sum + (rs.status?.availableReplicas ?? 0), 0),
      );
    });
    setImage('rolling', 'registry.k8s.io/e2e-test-images/agnhost:2.67');
    await complete('rolling', '2');
    unsubscribe();
    // 3 replicas at 25%: one surge pod, none unavailable.
    expect(seen.maxDesired).toBe(4);
    expect(seen.minAvailable).toBe(3);
    const events = sandbox.store
      .scan('/events', 'default')
      .filter((e) => e.involvedObject.name === 'rolling' && e.reason === 'ScalingReplicaSet')
      .map((e) => e.message.replace(/rolling-\w+/, 'RS'));
    expect(events).toContain('Scaled up replica set RS from 0 to 1');
    expect(events).toContain('Scaled down replica set RS from 1 to 0');
  });

  it('recreates: no new pod while an old one is still there', async () => {
    create('recreate', { strategy: { type: 'Recreate' } });
    await complete('recreate', '1');
    const oldHash = replicaSetsOf('recreate')[0]!.metadata.labels!['pod-template-hash'];
    let overlap = false;
    const unsubscribe = sandbox.store.subscribe((event) => {
      if (event.resource !== '/pods') return;
      const hashes = new Set(
        podsOf('recreate').map((p) => p.metadata.labels!['pod-template-hash']),
      );
      if (hashes.size > 1) overlap = true;
    });
    setImage('recreate', 'registry.k8s.io/e2e-test-images/agnhost:2.67');
    await complete('recreate', '2');
    unsubscribe();
    expect(overlap).toBe(false);
    expect(
      podsOf('recreate').every((p) => p.metadata.labels!['pod-template-hash'] !== oldHash),
    ).toBe(true);
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', async () => {
    create('history', { replicas: 1, revisionHistoryLimit: 1 });
    await complete('history', '1');
    for (const [i, tag] of ['2.67', '2.68', '2.69'].entries()) {
      setImage('history', `registry.k8s.io/e2e-test-images/agnhost:${tag}`);
      await complete('history', String(i + 2));
    }
    const sets = await eventually(() => {
      const found = replicaSetsOf('history');
      return found.length === 2 && found;
    });
    expect(
      sets.map((rs) => rs.metadata.annotations!['deployment.kubernetes.io/revision']).sort(),
    ).toEqual(['3', '4']);
  });

  it('counts pods available only after minReadySeconds', async () => {
    create('slow', { minReadySeconds: 300 });
    const d = await eventually(() => {
      const found = sandbox.store.peek('apps/deployments', 'default', 'slow');
      return found?.status?.readyReplicas === 3 && found;
    });
    expect(d.status.availableReplicas).toBeUndefined();
    expect(d.status.unavailableReplicas).toBe(3);
    expect(d.status.conditions.find((c: Json) => c.type === 'Available')).toMatchObject({
      status: 'False',
      reason: 'MinimumReplicasUnavailable',
      message: 'Deployment does not have minimum availability.',
    });
    const rs = replicaSetsOf('slow')[0]!;
    expect(rs.spec.minReadySeconds).toBe(300);
    expect(d.status.conditions.find((c: Json) => c.type === 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${rs.metadata.name}" is progressing.`,
    });
  });

  it('scales the one ReplicaSet when only the replicas change', async () => {
    create('scaled', { replicas: 2 });
    await complete('scaled', '1');
    const deployment = sandbox.store.get('apps/deployments', 'default', 'scaled')!;
    deployment.spec.replicas = 4;
    sandbox.ops.update(deployments, deployment);
    await complete('scaled', '1');
    expect(replicaSetsOf('scaled')).toHaveLength(1);
    expect(podsOf('scaled')).toHaveLength(4);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject, OwnerReference } from '../../../source/sandbox/api/kube-object.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { type Sandbox, startSandbox } from '../../../source/sandbox/sandbox.ts';
import { eventually } from '../../support/sandbox.ts';

/** ReplicaSets owning pods, and the garbage collector cleaning up after owners. */

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

const pods = resourceById('/pods');
const replicaSets = resourceById('apps/replicasets');
const configMaps = resourceById('/configmaps');
const image = 'registry.k8s.io/e2e-test-images/agnhost:2.66.1';

function pod(name: string, app: string, ownerReferences?: OwnerReference[]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      labels: { app },
      ...(ownerReferences ? { ownerReferences } : {}),
    },
    spec: { containers: [{ name: 'web', image }] },
  };
}

function replicaSet(name: string, replicas: number): KubeObject {
  return sandbox.ops.create(replicaSets, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image }] },
      },
    },
  }).object;
}

const podsLabelled = (app: string) =>
  sandbox.store.scan('/pods', 'default').filter((p) => p.metadata.labels?.app === app);

describe('a ReplicaSet', () => {
  it('adopts a matching orphan instead of creating a pod for it', async () => {
    sandbox.ops.create(pods, pod('stray', 'bare'));
    const rs = replicaSet('bare', 2);
    const owned = await eventually(() => {
      const found = podsLabelled('bare');
      return found.length === 2 && found;
    });
    expect(owned.map((p) => p.metadata.ownerReferences?.[0]?.uid)).toEqual([
      rs.metadata.uid,
      rs.metadata.uid,
    ]);
    expect(owned.map((p) => p.metadata.name)).toContain('stray');
    const created = sandbox.store
      .scan('/events', 'default')
      .filter((e) => e.reason === 'SuccessfulCreate' && e.involvedObject.name === 'bare');
    expect(created).toHaveLength(1);
  });

  it('lets go of a pod whose labels stop matching, and replaces it', async () => {
    const rs = sandbox.store.peek('apps/replicasets', 'default', 'bare')!;
    const stray = sandbox.store.get('/pods', 'default', 'stray')!;
    stray.metadata.labels = { app: 'debugging' };
    sandbox.ops.update(pods, stray);
    await eventually(() => {
      const released = sandbox.store.peek('/pods', 'default', 'stray');
      return released && !released.metadata.ownerReferences;
    });
    await eventually(
      () =>
        podsLabelled('bare').length === 2 &&
        podsLabelled('bare').every((p) => p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid),
    );
    sandbox.ops.delete(pods, 'default', 'stray', { gracePeriodSeconds: 0 });
  });

  it('takes its pods along when deleted, but not with propagationPolicy Orphan', async () => {
    sandbox.ops.delete(replicaSets, 'default', 'bare', { propagationPolicy: 'Background' });
    await eventually(() => podsLabelled('bare').length === 0);

    replicaSet('kept', 2);
    await eventually(() => podsLabelled('kept').length === 2);
    sandbox.ops.delete(replicaSets, 'default', 'kept', { propagationPolicy: 'Orphan' });
    const left = podsLabelled('kept');
    expect(left).toHaveLength(2);
    expect(left.every((p) => (p.metadata.ownerReferences ?? []).length === 0)).toBe(true);
  });
});

describe('the garbage collector', () => {
  it('deletes an object whose only owner does not exist', async () => {
    sandbox.ops.create(
      pods,
      pod('ghost-child', 'ghost', [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'ghost',
          uid: 'no-such-uid',
          controller: true,
        },
      ]),
    );
    await eventually(() => !sandbox.store.peek('/pods', 'default', 'ghost-child'));
  });

  it('drops references to vanished owners while another owner remains', async () => {
    const owner = sandbox.ops.create(configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'owner', namespace: 'default' },
    }).object;
    const solid = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid! };
    sandbox.ops.create(configMaps, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'shared',
        namespace: 'default',
        ownerReferences: [
          solid,
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: 'gone-uid' },
        ],
      },
    });
    await eventually(
      () =>
        sandbox.store.peek('/configmaps', 'default', 'shared')?.metadata.ownerReferences?.length ===
        1,
    );
    expect(
      sandbox.store.peek('/configmaps', 'default', 'shared')!.metadata.ownerReferences,
    ).toEqual([solid]);
    sandbox.ops.delete(configMaps, 'default', 'owner');
    await eventually(() => !sandbox.store.peek('/configmaps', 'default', 'shared'));
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import {
  activeOrLatest,
  maxSurge,
  maxUnavailable,
  newReplicaSetReplicas,
  proportionalSizes,
  resolveFenceposts,
  setNewReplicaSetAnnotations,
  templatesEqualIgnoringHash,
} from '../../../source/sandbox/controllers/workloads/deployment-rollout.ts';

function deployment(replicas: number, rollingUpdate?: object, type = 'RollingUpdate'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'echo', namespace: 'default', annotations: { team: 'blue' } },
    spec: { replicas, strategy: { type, ...(rollingUpdate ? { rollingUpdate } : {}) } },
  };
}

function replicaSet(
  name: string,
  replicas: number,
  created: string,
  annotations: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', creationTimestamp: created, annotations },
    spec: { replicas },
  };
}

describe('rollout arithmetic', () => {
  it('rounds maxSurge up and maxUnavailable down, never both zero', () => {
    expect(resolveFenceposts('25%', '25%', 3)).toEqual({ surge: 1, unavailable: 0 });
    expect(resolveFenceposts('25%', '25%', 10)).toEqual({ surge: 3, unavailable: 2 });
    expect(resolveFenceposts(0, 0, 3)).toEqual({ surge: 0, unavailable: 1 });
    expect(resolveFenceposts(undefined, undefined, 4)).toEqual({ surge: 1, unavailable: 1 });
  });

  it('has no surge or unavailability for Recreate, and caps unavailability at the replicas', () => {
    expect(maxSurge(deployment(3, undefined, 'Recreate'))).toBe(0);
    expect(maxUnavailable(deployment(3, undefined, 'Recreate'))).toBe(0);
    expect(maxUnavailable(deployment(2, { maxUnavailable: 5 }))).toBe(2);
  });

  it('grows the new ReplicaSet only within the surge allowance', () => {
    const d = deployment(3);
    const old = replicaSet('echo-old', 3, '2026-01-01T00:00:00Z');
    const fresh = replicaSet('echo-new', 0, '2026-01-01T00:01:00Z');
    expect(newReplicaSetReplicas(d, [old, fresh], fresh)).toBe(1);
    const halfway = replicaSet('echo-new', 1, '2026-01-01T00:01:00Z');
    expect(newReplicaSetReplicas(d, [replicaSet('echo-old', 2, 'x'), halfway], halfway)).toBe(2);
    expect(newReplicaSetReplicas(d, [fresh], fresh)).toBe(3);
    expect(newReplicaSetReplicas(deployment(3, undefined, 'Recreate'), [old, fresh], fresh)).toBe(
      3,
    );
  });

  it('scales a single active ReplicaSet, or the newest when none is active', () => {
    const a = replicaSet('a', 0, '2026-01-01T00:00:00Z');
    const b = replicaSet('b', 2, '2026-01-01T00:01:00Z');
    const c = replicaSet('c', 0, '2026-01-01T00:02:00Z');
    expect(activeOrLatest(c, [a, b])?.metadata.name).toBe('b');
    expect(activeOrLatest(undefined, [a, c])?.metadata.name).toBe('c');
    expect(activeOrLatest(replicaSet('n', 1, 'z'), [b])).toBeUndefined();
  });

  it('spreads a scale-up mid-rollout in proportion, leftovers to the largest', () => {
    const d = deployment(10, { maxSurge: 3, maxUnavailable: 2 });
    const old = replicaSet('old', 8, '2026-01-01T00:00:00Z', {
      'deployment.kubernetes.io/max-replicas': '8',
    });
    const fresh = replicaSet('new', 5, '2026-01-01T00:01:00Z', {
      'deployment.kubernetes.io/max-replicas': '8',
    });
    // Allowed 13 (10 + surge 3) over 13 now: nothing to add.
    expect(proportionalSizes(d, [old, fresh])).toEqual(
      new Map([
        ['old', 8],
        ['new', 5],
      ]),
    );
    const bigger = deployment(20, { maxSurge: 3, maxUnavailable: 2 });
    const sizes = proportionalSizes(bigger, [old, fresh]);
    expect((sizes.get('old') ?? 0) + (sizes.get('new') ?? 0)).toBe(23);
    expect(sizes.get('old')!).toBeGreaterThan(sizes.get('new')!);
  });

  it('compares templates without the pod-template-hash label', () => {
    const template = {
      metadata: { labels: { app: 'echo' } },
      spec: { containers: [{ name: 'c' }] },
    };
    const hashed = {
      metadata: { labels: { app: 'echo', 'pod-template-hash': '5d8f' } },
      spec: { containers: [{ name: 'c' }] },
    };
    expect(templatesEqualIgnoringHash(template, hashed)).toBe(true);
    expect(
      templatesEqualIgnoringHash(template, { ...hashed, spec: { containers: [{ name: 'd' }] } }),
    ).toBe(false);
  });

  it('numbers revisions and keeps the history of a template that comes back', () => {
    const d = deployment(3);
    const fresh = replicaSet('new', 0, 'x');
    setNewReplicaSetAnnotations(d, fresh, 1, false);
    expect(fresh.metadata.annotations).toEqual({
      team: 'blue',
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    const rolledBack = replicaSet('back', 3, 'x', { 'deployment.kubernetes.io/revision': '1' });
    expect(setNewReplicaSetAnnotations(d, rolledBack, 3, true)).toBe(true);
    expect(rolledBack.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { podsToDelete } from '../../../source/sandbox/controllers/workloads/pod-victims.ts';

interface PodShape {
  name: string;
  node?: string;
  phase?: string;
  ready?: boolean;
  readySince?: string;
  created?: string;
  restarts?: number;
  cost?: number;
}

function pod(shape: PodShape): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: shape.name,
      namespace: 'default',
      creationTimestamp: shape.created ?? '2026-01-01T00:00:00Z',
      ...(shape.cost !== undefined
        ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(shape.cost) } }
        : {}),
    },
    spec: { ...(shape.node ? { nodeName: shape.node } : {}), containers: [{ name: 'echo' }] },
    status: {
      phase: shape.phase ?? 'Running',
      conditions: [
        {
          type: 'Ready',
          status: shape.ready === false ? 'False' : 'True',
          lastTransitionTime: shape.readySince ?? '2026-01-01T00:00:10Z',
        },
      ],
      containerStatuses: [{ name: 'echo', restartCount: shape.restarts ?? 0 }],
    },
  };
}

const names = (pods: readonly KubeObject[]) => pods.map((p) => p.metadata.name);

describe('choosing pods to delete on scale-down', () => {
  it('takes unscheduled, then pending, then not-ready pods first', () => {
    const pods = [
      pod({ name: 'running', node: 'w1' }),
      pod({ name: 'not-ready', node: 'w1', ready: false }),
      pod({ name: 'pending', node: 'w2', phase: 'Pending', ready: false }),
      pod({ name: 'unscheduled', phase: 'Pending', ready: false }),
    ];
    expect(names(podsToDelete(pods, 3))).toEqual(['unscheduled', 'pending', 'not-ready']);
  });

  it('empties doubled-up nodes before lonely ones', () => {
    const pods = [
      pod({ name: 'a', node: 'expose-tutor-worker' }),
      pod({ name: 'b', node: 'expose-tutor-worker2' }),
      pod({ name: 'c', node: 'expose-tutor-worker' }),
    ];
    expect(names(podsToDelete(pods, 2)).sort()).toEqual(['a', 'c']);
  });

  it('prefers a lower deletion cost, then more recently ready, more restarts, newer', () => {
    expect(
      names(
        podsToDelete(
          [
            pod({ name: 'cheap', node: 'w1', cost: -5 }),
            pod({ name: 'dear', node: 'w2', cost: 5 }),
          ],
          1,
        ),
      ),
    ).toEqual(['cheap']);
    expect(
      names(
        podsToDelete(
          [
            pod({ name: 'old-ready', node: 'w1', readySince: '2026-01-01T00:00:10Z' }),
            pod({ name: 'new-ready', node: 'w2', readySince: '2026-01-01T00:05:00Z' }),
          ],
          1,
        ),
      ),
    ).toEqual(['new-ready']);
    expect(
      names(
        podsToDelete(
          [pod({ name: 'steady', node: 'w1' }), pod({ name: 'flaky', node: 'w2', restarts: 4 })],
          1,
        ),
      ),
    ).toEqual(['flaky']);
    expect(
      names(
        podsToDelete(
          [
            pod({ name: 'older', node: 'w1', created: '2026-01-01T00:00:00Z' }),
            pod({ name: 'newer', node: 'w2', created: '2026-01-01T00:03:00Z' }),
          ],
          1,
        ),
      ),
    ).toEqual(['newer']);
  });

  it('counts related pods (sibling ReplicaSets) when ranking by node', () => {
    const mine = [pod({ name: 'x', node: 'w1' }), pod({ name: 'y', node: 'w2' })];
    const sibling = pod({ name: 'old', node: 'w2' });
    expect(names(podsToDelete(mine, 1, [...mine, sibling]))).toEqual(['y']);
  });

  it('deletes nothing when asked for nothing', () => {
    expect(podsToDelete([pod({ name: 'a', node: 'w1' })], 0)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { createKindStrategies } from '../../../source/sandbox/admission/strategies.ts';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { ResourceOps } from '../../../source/sandbox/api/resource-ops.ts';
import { seedCluster } from '../../../source/sandbox/cluster/seed.ts';
import {
  chooseNode,
  tolerates,
} from '../../../source/sandbox/controllers/scheduling/scheduling-choice.ts';
import { ObjectStore } from '../../../source/sandbox/store/object-store.ts';

function seededNodes(): Readonly<KubeObject>[] {
  const ops = new ResourceOps(new ObjectStore(), createKindStrategies());
  seedCluster(ops);
  return ops.store.scan('/nodes');
}

const nodes = seededNodes();
const owner = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  name: 'echo-1',
  uid: 'rs-1',
  controller: true,
};

function pod(name: string, spec: Json = {}, nodeName?: string, ownerUid = 'rs-1'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      ownerReferences: [{ ...owner, uid: ownerUid }],
    },
    spec: {
      containers: [{ name: 'c', image: 'agnhost' }],
      ...spec,
      ...(nodeName ? { nodeName } : {}),
    },
  };
}

describe('choosing a node', () => {
  it('spreads the replicas of one owner over both workers, never the control plane', () => {
    const bound: KubeObject[] = [];
    for (const name of ['a', 'b', 'c']) {
      const choice = chooseNode(pod(name), nodes, bound);
      if (!('nodeName' in choice)) throw new Error(choice.unschedulable);
      bound.push(pod(name, {}, choice.nodeName));
    }
    expect(bound.map((p) => p.spec.nodeName)).toEqual([
      'expose-tutor-worker',
      'expose-tutor-worker2',
      'expose-tutor-worker',
    ]);
  });

  it('puts a new owner on the node with fewest pods of its own first, then fewest overall', () => {
    const bound = [
      pod('x1', {}, 'expose-tutor-worker', 'rs-other'),
      pod('x2', {}, 'expose-tutor-worker', 'rs-other'),
      pod('y1', {}, 'expose-tutor-worker2', 'rs-1'),
    ];
    expect(chooseNode(pod('new'), nodes, bound)).toEqual({ nodeName: 'expose-tutor-worker' });
    expect(chooseNode(pod('new', {}, undefined, 'rs-3'), nodes, bound)).toEqual({
      nodeName: 'expose-tutor-worker2',
    });
  });

  it('honours nodeSelector and tolerations of the control-plane taint', () => {
    const toControlPlane = pod('cp', {
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
      tolerations: [
        { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      ],
    });
    expect(chooseNode(toControlPlane, nodes, [])).toEqual({
      nodeName: 'expose-tutor-control-plane',
    });
    const pinned = pod('pinned', {
      nodeSelector: { 'kubernetes.io/hostname': 'expose-tutor-worker2' },
    });
    expect(chooseNode(pinned, nodes, [])).toEqual({ nodeName: 'expose-tutor-worker2' });
  });

  it('explains an unschedulable pod in the scheduler’s words', () => {
    const nowhere = pod('nowhere', { nodeSelector: { disktype: 'ssd' } });
    expect(chooseNode(nowhere, nodes, [])).toEqual({
      unschedulable:
        "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    });
  });

  it('reports resource shortages as resolvable by preemption', () => {
    const huge = pod('huge', {
      containers: [{ name: 'c', resources: { requests: { cpu: '3' } } }],
    });
    expect(chooseNode(huge, nodes, [])).toEqual({
      unschedulable:
        '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    });
  });

  it('keeps host ports apart', () => {
    const withPort = (name: string, node?: string) =>
      pod(
        name,
        { containers: [{ name: 'c', ports: [{ containerPort: 80, hostPort: 8080 }] }] },
        node,
      );
    const bound = [withPort('first', 'expose-tutor-worker')];
    expect(chooseNode(withPort('second'), nodes, bound)).toEqual({
      nodeName: 'expose-tutor-worker2',
    });
  });

  it('matches tolerations as the API defines them', () => {
    const taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
    expect(tolerates({ operator: 'Exists' }, taint)).toBe(true);
    expect(
      tolerates({ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists' }, taint),
    ).toBe(true);
    expect(
      tolerates(
        { key: 'node-role.kubernetes.io/control-plane', effect: 'NoExecute', operator: 'Exists' },
        taint,
      ),
    ).toBe(false);
    expect(tolerates({ key: 'other', operator: 'Exists' }, taint)).toBe(false);
  });
});

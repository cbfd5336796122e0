import type { Json, KubeObject } from './kube-object.ts';
import type { ResourceOps } from './resource-ops.ts';
import { ApiError, notFound } from './status.ts';

const podsId = '/pods';

/**
 * The `pods/binding` write: assigns a pending pod to a node. Like the real binding storage it
 * bypasses the pod update rules (`spec.nodeName` is otherwise immutable), refuses pods that
 * are already bound or being deleted, and marks the pod `PodScheduled=True`.
 */
export function bindPod(
  ops: ResourceOps,
  namespace: string,
  name: string,
  target: { nodeName: string; uid?: string },
): KubeObject {
  const pod = ops.store.get(podsId, namespace, name);
  if (!pod) throw notFound('', 'pods', name);
  const refuse = (why: string) =>
    new ApiError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on pods/binding "${name}": ${why}`,
      {
        name,
        kind: 'pods/binding',
      },
    );
  if (target.uid && target.uid !== pod.metadata.uid) {
    throw refuse(
      `Precondition failed: UID in precondition: ${target.uid}, UID in object meta: ${pod.metadata.uid}`,
    );
  }
  if (pod.metadata.deletionTimestamp) {
    throw refuse(`pod ${name} is being deleted, cannot be assigned to a host`);
  }
  if (pod.spec?.nodeName) {
    throw refuse(`pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  }
  const now = ops.store.now();
  const conditions: Json[] = (pod.status?.conditions ?? []).filter(
    (c: Json) => c.type !== 'PodScheduled',
  );
  conditions.push({
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: now,
    ...(pod.metadata.generation ? { observedGeneration: pod.metadata.generation } : {}),
  });
  return ops.store.replace(podsId, {
    ...pod,
    spec: { ...pod.spec, nodeName: target.nodeName },
    status: { ...pod.status, conditions },
  });
}

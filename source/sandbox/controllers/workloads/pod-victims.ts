import type { KubeObject } from '../../api/kube-object.ts';
import { isPodReady, podCondition, restartCountOf } from '../pod-state.ts';

const deletionCostAnnotation = 'controller.kubernetes.io/pod-deletion-cost';

const phaseOrder: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * The `count` pods a ReplicaSet scaling down removes, in the order the real controller ranks
 * them: unscheduled before scheduled, Pending before Running, not ready before ready, pods
 * doubled up on a node (counting `related` pods, e.g. those of sibling ReplicaSets of one
 * Deployment) before lonely ones, lower deletion cost, more recently ready, more restarts, and
 * finally newer before older.
 */
export function podsToDelete(
  pods: readonly Readonly<KubeObject>[],
  count: number,
  related: readonly Readonly<KubeObject>[] = pods,
): Readonly<KubeObject>[] {
  if (count <= 0) return [];
  const perNode = new Map<string, number>();
  for (const pod of related) {
    const node = pod.spec?.nodeName;
    if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const rank = (pod: Readonly<KubeObject>) => {
    const node = pod.spec?.nodeName;
    return node ? (perNode.get(node) ?? 0) : 0;
  };
  return [...pods].sort((a, b) => compareForDeletion(a, b, rank)).slice(0, count);
}

/** Negative when `a` should be deleted before `b`. */
export function compareForDeletion(
  a: Readonly<KubeObject>,
  b: Readonly<KubeObject>,
  rank: (pod: Readonly<KubeObject>) => number = () => 0,
): number {
  const assignedA = a.spec?.nodeName ? 1 : 0;
  const assignedB = b.spec?.nodeName ? 1 : 0;
  if (assignedA !== assignedB) return assignedA - assignedB;

  const phaseA = phaseOrder[a.status?.phase ?? 'Pending'] ?? 0;
  const phaseB = phaseOrder[b.status?.phase ?? 'Pending'] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;

  const readyA = isPodReady(a) ? 1 : 0;
  const readyB = isPodReady(b) ? 1 : 0;
  if (readyA !== readyB) return readyA - readyB;

  const rankA = rank(a);
  const rankB = rank(b);
  if (rankA !== rankB) return rankB - rankA;

  const costA = deletionCost(a);
  const costB = deletionCost(b);
  if (costA !== costB) return costA - costB;

  if (readyA && readyB) {
    const since = (pod: Readonly<KubeObject>) =>
      Date.parse(podCondition(pod, 'Ready')?.lastTransitionTime ?? '') || 0;
    if (since(a) !== since(b)) return since(b) - since(a);
  }

  const restartsA = restartCountOf(a);
  const restartsB = restartCountOf(b);
  if (restartsA !== restartsB) return restartsB - restartsA;

  const createdA = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const createdB = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (createdA !== createdB) return createdB - createdA;

  // Timestamps have second resolution; the name keeps the choice deterministic.
  const nameA = a.metadata.name ?? '';
  const nameB = b.metadata.name ?? '';
  return nameA < nameB ? 1 : nameA > nameB ? -1 : 0;
}

function deletionCost(pod: Readonly<KubeObject>): number {
  const value = Number(pod.metadata.annotations?.[deletionCostAnnotation]);
  return Number.isInteger(value) ? value : 0;
}

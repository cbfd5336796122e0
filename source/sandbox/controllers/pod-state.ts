import type { Json, KubeObject } from '../api/kube-object.ts';

/** Readers of a pod's status, as the controllers in kube-controller-manager interpret it. */

export function podCondition(pod: Readonly<KubeObject>, type: string): Json | undefined {
  return (pod.status?.conditions as Json[] | undefined)?.find((c) => c.type === type);
}

export function isPodReady(pod: Readonly<KubeObject>): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

export function isPodTerminal(pod: Readonly<KubeObject>): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function isPodTerminating(pod: Readonly<KubeObject>): boolean {
  return !!pod.metadata.deletionTimestamp && !isPodTerminal(pod);
}

/** Counts toward a ReplicaSet's replicas: not being deleted and not finished. */
export function isPodActive(pod: Readonly<KubeObject>): boolean {
  return !pod.metadata.deletionTimestamp && !isPodTerminal(pod);
}

/** Ready for at least `minReadySeconds`, as `podutil.IsPodAvailable` decides. */
export function isPodAvailable(
  pod: Readonly<KubeObject>,
  minReadySeconds: number,
  now: Date,
): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podCondition(pod, 'Ready')?.lastTransitionTime;
  if (!since) return false;
  return Date.parse(since) + minReadySeconds * 1000 <= now.getTime();
}

/** Milliseconds until a ready pod becomes available, or undefined if it never will by waiting. */
export function msUntilAvailable(
  pod: Readonly<KubeObject>,
  minReadySeconds: number,
  now: Date,
): number | undefined {
  if (!isPodReady(pod) || minReadySeconds <= 0) return undefined;
  const since = podCondition(pod, 'Ready')?.lastTransitionTime;
  if (!since) return undefined;
  const remaining = Date.parse(since) + minReadySeconds * 1000 - now.getTime();
  return remaining > 0 ? remaining : undefined;
}

export function restartCountOf(pod: Readonly<KubeObject>): number {
  return ((pod.status?.containerStatuses as Json[] | undefined) ?? []).reduce(
    (sum, status) => sum + (status.restartCount ?? 0),
    0,
  );
}

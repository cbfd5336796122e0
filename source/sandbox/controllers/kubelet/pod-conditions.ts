import type { Json, KubeObject } from '../../api/kube-object.ts';
import { containersOf, initContainersOf, type PodRun } from './pod-run.ts';

/**
 * Rebuilds the pod's conditions in the order the kubelet writes them, keeping
 * lastTransitionTime for conditions whose status did not change.
 */
export function setPodConditions(
  status: Json,
  pod: Readonly<KubeObject>,
  run: PodRun,
  state: { sandboxReady: boolean; ready: boolean },
  now: string,
): void {
  const existing: Json[] = status.conditions ?? [];
  const generation = pod.metadata.generation;
  const condition = (type: string, ok: boolean, reason?: string, message?: string): Json => {
    const previous = existing.find((c) => c.type === type);
    const value = ok ? 'True' : 'False';
    return {
      type,
      status: value,
      lastProbeTime: null,
      lastTransitionTime: previous?.status === value ? previous.lastTransitionTime : now,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      ...(generation ? { observedGeneration: generation } : {}),
    };
  };
  const inits = initContainersOf(pod).filter((c) => c.restartPolicy !== 'Always');
  const unfinishedInits = inits
    .filter((c) => !run.containers.get(c.name)?.finishedAt)
    .map((c) => c.name);
  const initialized = unfinishedInits.length === 0 || run.stage === 'stopped';
  const unready = state.ready ? [] : containersOf(pod).map((c) => c.name);
  const notReadyReason = initialized ? 'ContainersNotReady' : 'ContainersNotInitialized';
  const notReadyMessage = initialized
    ? `containers with unready status: [${unready.join(' ')}]`
    : `containers with incomplete status: [${unfinishedInits.join(' ')}]`;
  const rebuilt = [
    condition('PodReadyToStartContainers', state.sandboxReady),
    initialized
      ? condition('Initialized', true)
      : condition('Initialized', false, 'ContainersNotInitialized', notReadyMessage),
    ...['Ready', 'ContainersReady'].map((type) =>
      state.ready ? condition(type, true) : condition(type, false, notReadyReason, notReadyMessage),
    ),
  ];
  const scheduled =
    existing.find((c) => c.type === 'PodScheduled') ?? condition('PodScheduled', true);
  const others = existing.filter(
    (c) => !rebuilt.some((r) => r.type === c.type) && c.type !== 'PodScheduled',
  );
  status.conditions = [...rebuilt, scheduled, ...others];
}

import type { Json, KubeObject } from '../../api/kube-object.ts';

/** A container the runtime has started (init containers too), with its runtime id. */
export interface StartedContainer {
  id: string;
  startedAt: string;
  imageID: string;
  finishedAt?: string;
}

/** What the kubelet remembers about one pod it runs. */
export interface PodRun {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  stage: 'starting' | 'running' | 'stopping' | 'stopped';
  /** Bumped whenever pending steps must be abandoned (the pod is being stopped). */
  epoch: number;
  ip?: string;
  /** Started containers by name. */
  containers: Map<string, StartedContainer>;
  cancelProbe?: () => void;
  /** The prober's last answer and how many times in a row it has given it. */
  probeRun?: { ready: boolean; count: number };
}

export function newPodRun(
  pod: Readonly<KubeObject>,
  node: string,
  stage: PodRun['stage'],
  ip?: string,
): PodRun {
  return {
    uid: pod.metadata.uid!,
    namespace: pod.metadata.namespace!,
    name: pod.metadata.name!,
    node,
    stage,
    epoch: 0,
    ...(ip ? { ip } : {}),
    containers: new Map(),
  };
}

export function containersOf(pod: Readonly<Json>): Json[] {
  return pod.spec?.containers ?? [];
}

export function initContainersOf(pod: Readonly<Json>): Json[] {
  return pod.spec?.initContainers ?? [];
}

/** The `fieldPath` of a container's events: `spec.containers{web}`. */
export function containerFieldPath(name: string, init: boolean): string {
  return `spec.${init ? 'initContainers' : 'containers'}{${name}}`;
}

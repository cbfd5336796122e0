import type { Json, KubeObject } from '../api/kube-object.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { AgnhostServer, ServedPod } from './agnhost-server.ts';
import { listenersOf } from './container-program.ts';
import type { AddressOwner } from './data-plane.ts';
import type { PodAddressIndex } from './pod-address-index.ts';
import type { Verdict } from './virtual-network.ts';

/**
 * The pods' side of the network: what a connection to a pod's IP (or, for a hostNetwork pod,
 * its node's IP) meets.
 *
 * - A port where a running agnhost netexec container listens → accepted and answered by the
 *   shared AgnhostServer as that pod. A terminating pod still answers until its containers
 *   are stopped (its /readyz then says "shutting down").
 * - Any other port of a pod whose network namespace exists (it has an IP and is not finished)
 *   → refused: nothing listens there. Pods of other images listen on nothing at all
 *   (`whyPodServesNothing` in container-program.ts says why).
 * - An IP no pod has, or a finished pod's (its sandbox is gone) → dropped: the client times out.
 * - A node IP without a hostNetwork pod on that port → not the pods' business (undefined).
 */
export function podOwner(
  store: ObjectStore,
  pods: PodAddressIndex,
  server: AgnhostServer,
): AddressOwner {
  return (flow) => {
    const candidates = pods.podsAt(flow.destination.ip);
    const ownIP = candidates.filter((pod) => !pod.spec?.hostNetwork);
    if (ownIP.length === 0) {
      // Only hostNetwork pods (or none) here: answer if one listens, else leave it to the node.
      for (const pod of candidates) {
        const verdict = podVerdict(store, pod, flow.destination.port, server);
        if (verdict.type === 'accept') return verdict;
      }
      return undefined;
    }
    const pod = ownIP[0]!;
    if (isFinished(pod)) return { type: 'drop' };
    return podVerdict(store, pod, flow.destination.port, server);
  };
}

function podVerdict(
  store: ObjectStore,
  pod: Readonly<KubeObject>,
  port: number,
  server: AgnhostServer,
): Verdict {
  if (isFinished(pod)) return { type: 'refuse' };
  const listener = listenersOf(pod).find((l) => l.port === port);
  const startedAt = listener && runningSince(pod, listener.container);
  if (startedAt === undefined) return { type: 'refuse' };
  const served = servedPod(store, pod, startedAt);
  return {
    type: 'accept',
    handle(socket, flow) {
      server.serve(socket, flow, served);
    },
  };
}

/** When the container started, if it is running now. */
function runningSince(pod: Readonly<KubeObject>, container: string): number | undefined {
  const statuses: Json[] = pod.status?.containerStatuses ?? [];
  const startedAt = statuses.find((s) => s.name === container)?.state?.running?.startedAt;
  return typeof startedAt === 'string' ? Date.parse(startedAt) : undefined;
}

function servedPod(store: ObjectStore, pod: Readonly<KubeObject>, startedAt: number): ServedPod {
  const namespace = pod.metadata.namespace!;
  const name = pod.metadata.name!;
  const uid = pod.metadata.uid;
  return {
    namespace,
    name,
    hostname: hostnameOf(pod),
    startedAt,
    terminating() {
      const current = store.peek('/pods', namespace, name);
      return !current || current.metadata.uid !== uid || !!current.metadata.deletionTimestamp;
    },
  };
}

/**
 * The container's hostname: `spec.hostname`, else the pod's name cut to 63 characters (the
 * kubelet trims a trailing '-' or '.'); a hostNetwork pod has its node's.
 */
export function hostnameOf(pod: Readonly<KubeObject>): string {
  if (pod.spec?.hostNetwork) return String(pod.spec?.nodeName ?? '');
  if (pod.spec?.hostname) return String(pod.spec.hostname);
  return pod.metadata.name!.slice(0, 63).replace(/[-.]+$/, '');
}

function isFinished(pod: Readonly<KubeObject>): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

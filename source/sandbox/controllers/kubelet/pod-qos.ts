import type { Json, KubeObject } from '../../api/kube-object.ts';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/**
 * The pod's QoS class as the API server computes it: BestEffort without any request or
 * limit, Guaranteed when every container limits CPU and memory and requests exactly that,
 * Burstable otherwise.
 */
export function qosClassOf(pod: Readonly<KubeObject>): QosClass {
  const containers: Json[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  let anySet = false;
  let guaranteed = true;
  for (const container of containers) {
    const limits: Json = container.resources?.limits ?? {};
    const requests: Json = { ...limits, ...(container.resources?.requests ?? {}) };
    const relevant = (r: Json) => Object.keys(r).filter((k) => k === 'cpu' || k === 'memory');
    if (relevant(requests).length > 0 || relevant(limits).length > 0) anySet = true;
    for (const resource of ['cpu', 'memory']) {
      if (limits[resource] === undefined || String(requests[resource]) !== String(limits[resource]))
        guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

import type { Json } from '../sandbox/api/kube-object.ts';
import type { ListQuery, ObjectRef } from './cluster.ts';

/** What a lesson can wait for. Counts are exact: `0` ready endpoints is a condition too. */
export type WaitCondition =
  | { type: 'podsReady'; namespace: string; selector: string; count: number }
  | {
      type: 'endpointsReady';
      namespace: string;
      service: string;
      count: number;
      /** Also require exactly this many listed but not ready (a pod failing its readiness probe). */
      notReady?: number;
    }
  | { type: 'loadBalancerAddress'; namespace: string; service: string }
  | { type: 'ingressAddress'; namespace: string; ingress: string }
  | { type: 'gone'; ref: ObjectRef };

export interface WaitResult {
  met: boolean;
  /** The last reading: `3/3 pods ready`, `172.18.0.100`, or why it was not met. */
  detail: string;
  /** For address conditions once met: the first address (an IP, or else a hostname). */
  value?: string;
  elapsedMs: number;
  /** True when the wait stopped because its signal aborted. */
  cancelled?: boolean;
}

/** One reading of a condition: whether it holds and what was seen. */
export interface Reading {
  met: boolean;
  detail: string;
  /** The first address, for address conditions that hold. */
  value?: string;
}

/** The reads a condition needs, so the evaluation itself stays pure and testable. */
export interface ConditionReader {
  list(query: ListQuery): Promise<Json[]>;
  get(ref: ObjectRef): Promise<Json | undefined>;
}

export function describeCondition(condition: WaitCondition): string {
  switch (condition.type) {
    case 'podsReady':
      return `${condition.count} ready ${plural(condition.count, 'pod')} with ${condition.selector}`;
    case 'endpointsReady': {
      const notReady =
        condition.notReady !== undefined ? ` and ${condition.notReady} not ready` : '';
      return `${condition.count} ready ${plural(condition.count, 'endpoint')}${notReady} behind service/${condition.service}`;
    }
    case 'loadBalancerAddress':
      return `a load-balancer address for service/${condition.service}`;
    case 'ingressAddress':
      return `an address for ingress/${condition.ingress}`;
    case 'gone':
      return `${condition.ref.kind.toLowerCase()}/${condition.ref.name} to be gone`;
  }
}

export async function readCondition(
  condition: WaitCondition,
  reader: ConditionReader,
): Promise<Reading> {
  switch (condition.type) {
    case 'podsReady': {
      const pods = await reader.list({
        apiVersion: 'v1',
        kind: 'Pod',
        namespace: condition.namespace,
        labelSelector: condition.selector,
      });
      return podsReadyReading(pods, condition.count);
    }
    case 'endpointsReady': {
      const slices = await reader.list({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        namespace: condition.namespace,
        labelSelector: `kubernetes.io/service-name=${condition.service}`,
      });
      return endpointsReadyReading(slices, condition.count, condition.notReady);
    }
    case 'loadBalancerAddress': {
      const service = await reader.get({
        apiVersion: 'v1',
        kind: 'Service',
        namespace: condition.namespace,
        name: condition.service,
      });
      return addressReading(service, `service/${condition.service}`);
    }
    case 'ingressAddress': {
      const ingress = await reader.get({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        namespace: condition.namespace,
        name: condition.ingress,
      });
      return addressReading(ingress, `ingress/${condition.ingress}`);
    }
    case 'gone': {
      const object = await reader.get(condition.ref);
      return object
        ? { met: false, detail: `${condition.ref.name} still exists` }
        : { met: true, detail: `${condition.ref.name} is gone` };
    }
  }
}

/** A pod counts as ready when its Ready condition is True and it is not terminating. */
export function isPodReady(pod: Json): boolean {
  if (pod.metadata?.deletionTimestamp) return false;
  return (pod.status?.conditions ?? []).some(
    (condition: Json) => condition.type === 'Ready' && condition.status === 'True',
  );
}

export function podsReadyReading(pods: Json[], count: number): Reading {
  const ready = pods.filter(isPodReady).map((pod) => pod.metadata?.name as string);
  const detail = `${ready.length}/${pods.length} ${plural(pods.length, 'pod')} ready${ready.length > 0 ? `: ${ready.sort().join(', ')}` : ''}`;
  return { met: ready.length === count, detail };
}

/**
 * Distinct ready endpoint addresses over a Service's EndpointSlices. An unset `ready` counts as
 * ready, as kube-proxy reads it.
 */
export function readyEndpointAddresses(slices: Json[]): string[] {
  const addresses = new Set<string>();
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.conditions?.ready === false) continue;
      for (const address of endpoint.addresses ?? []) addresses.add(address);
    }
  }
  return [...addresses].sort();
}

/** Addresses listed with `ready: false` (running pods whose readiness probe fails). */
export function notReadyEndpointAddresses(slices: Json[]): string[] {
  const addresses = new Set<string>();
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.conditions?.ready !== false) continue;
      for (const address of endpoint.addresses ?? []) addresses.add(address);
    }
  }
  return [...addresses].sort();
}

export function endpointsReadyReading(slices: Json[], count: number, notReady?: number): Reading {
  const ready = readyEndpointAddresses(slices);
  const unready = notReadyEndpointAddresses(slices);
  if (slices.length === 0) return { met: false, detail: 'no EndpointSlice yet' };
  let detail = `${ready.length} ready ${plural(ready.length, 'endpoint')}${ready.length > 0 ? `: ${ready.join(', ')}` : ''}`;
  if (unready.length > 0 || notReady !== undefined)
    detail += `; ${unready.length} not ready${unready.length > 0 ? `: ${unready.join(', ')}` : ''}`;
  const met = ready.length === count && (notReady === undefined || unready.length === notReady);
  return { met, detail };
}

/** `status.loadBalancer.ingress[]`, the field Services and Ingresses share. */
export function addressReading(object: Json | undefined, name: string): Reading {
  if (!object) return { met: false, detail: `${name} not found` };
  const addresses = (object.status?.loadBalancer?.ingress ?? [])
    .map((entry: Json) => entry.ip ?? entry.hostname)
    .filter(Boolean) as string[];
  return addresses.length > 0
    ? { met: true, detail: addresses.join(', '), value: addresses[0] }
    : { met: false, detail: `${name} has no address yet` };
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}

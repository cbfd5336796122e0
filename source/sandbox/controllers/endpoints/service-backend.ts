import type { Json, KubeObject } from '../../api/kube-object.ts';
import { selectorMatches } from '../../api/selectors.ts';
import { isPodTerminal } from '../pod-state.ts';

/**
 * What a Service's selector and ports mean for one pod, decided the way kube-controller-manager's
 * endpoint helpers decide it (k8s.io/endpointslice/util and pkg/api/v1/pod).
 */

export type Pod = Readonly<KubeObject>;
export type Service = Readonly<KubeObject>;

/** Being deleted, as the endpoint controllers see it (finished pods are never listed anyway). */
export function isPodTerminating(pod: Pod): boolean {
  return Boolean(pod.metadata.deletionTimestamp);
}

/**
 * The pod's IPv4 address. The API server keeps `podIPs` in step with `podIP`, so a pod written
 * with only `podIP` still has it.
 */
export function podIPv4(pod: Pod): string | undefined {
  const listed: Json[] = pod.status?.podIPs ?? [];
  const ips = listed.length > 0 ? listed.map((entry) => String(entry.ip)) : [pod.status?.podIP];
  return ips.find((ip): ip is string => typeof ip === 'string' && isIPv4(ip));
}

function isIPv4(ip: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip);
}

/**
 * Whether a matching pod is listed at all: finished pods (Succeeded, Failed) and pods without
 * an address never are; terminating pods only when the caller includes them (EndpointSlices always do).
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && (pod.status?.podIPs ?? []).length === 0) return false;
  if (!includeTerminating && isPodTerminating(pod)) return false;
  return true;
}

/**
 * The container port a Service port's `targetPort` means on this pod: a number is used as is;
 * a name is looked up among the pod's container ports (and sidecars) of the same protocol.
 * Undefined when the pod has no such named port.
 */
export function findTargetPort(pod: Pod, servicePort: Json): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(String(target))) return Number(target);
  const protocol = servicePort.protocol ?? 'TCP';
  const sidecars = ((pod.spec?.initContainers ?? []) as Json[]).filter(
    (container) => container.restartPolicy === 'Always',
  );
  for (const container of [...((pod.spec?.containers ?? []) as Json[]), ...sidecars]) {
    for (const port of (container.ports ?? []) as Json[]) {
      if (port.name === target && (port.protocol ?? 'TCP') === protocol) return port.containerPort;
    }
  }
  return undefined;
}

/** A pod gets a DNS hostname in a headless Service's records when its subdomain names the Service. */
export function hostnameFor(pod: Pod, service: Service): string | undefined {
  const hostname = pod.spec?.hostname;
  if (!hostname) return undefined;
  const sameService =
    pod.spec?.subdomain === service.metadata.name &&
    pod.metadata.namespace === service.metadata.namespace;
  return sameService ? hostname : undefined;
}

/** `clusterIP: None` (or no cluster IP at all) makes a Service headless. */
export function isHeadless(service: Service): boolean {
  const clusterIP = service.spec?.clusterIP;
  return !clusterIP || clusterIP === 'None';
}

/**
 * Services of type ExternalName and Services without a selector get no managed endpoints. An
 * empty selector counts as none: the API server stores `selector: {}` as no selector at all.
 */
export function hasManagedEndpoints(service: Service): boolean {
  return (
    service.spec?.type !== 'ExternalName' && Object.keys(service.spec?.selector ?? {}).length > 0
  );
}

/** Pods of the Service's namespace that carry every label of its (non-empty) selector. */
export function selectedPods(service: Service, pods: readonly Pod[]): Pod[] {
  return pods.filter(
    (pod) =>
      pod.metadata.namespace === service.metadata.namespace &&
      selectorMatches(service.spec?.selector, pod.metadata.labels),
  );
}

export const headlessServiceLabel = 'service.kubernetes.io/headless';

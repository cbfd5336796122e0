import type { Json } from '../api/kube-object.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { BackendCluster } from './envoy-route-table.ts';

/**
 * Where a gateway's Envoy sends a request for a backend cluster. cloud-provider-kind makes each
 * Service port a STATIC cluster whose one host is the Service's cluster IP and port, so the
 * connection goes through kube-proxy, which picks the pod. A headless Service has no cluster
 * IP: its cluster is STRICT_DNS on `<svc>.<ns>.svc.cluster.local` at the numeric target port,
 * and Envoy round-robins over the addresses DNS returns — the ready endpoints.
 */
export type UpstreamTarget =
  | { type: 'address'; ip: string; port: number }
  | { type: 'no-healthy-upstream' }
  | { type: 'cluster-not-found' };

export type UpstreamResolver = (cluster: BackendCluster) => UpstreamTarget;

const endpointSlicesId = 'discovery.k8s.io/endpointslices';
const serviceNameLabel = 'kubernetes.io/service-name';

/** A resolver with its own round-robin state, as each Envoy has. */
export function createUpstreamResolver(store: ObjectStore): UpstreamResolver {
  const nextIndex = new Map<string, number>();
  return (cluster) => {
    const service = store.peek('/services', cluster.namespace, cluster.service);
    if (!service) return { type: 'cluster-not-found' };
    const clusterIP: string | undefined = service.spec?.clusterIP;
    if (clusterIP && clusterIP !== 'None') {
      return { type: 'address', ip: clusterIP, port: cluster.port };
    }
    // Only a numeric targetPort makes a DNS cluster; otherwise the cluster is never created.
    const servicePort = ((service.spec?.ports ?? []) as Json[]).find(
      (port) => port.port === cluster.port,
    );
    const targetPort = servicePort?.targetPort ?? servicePort?.port;
    if (typeof targetPort !== 'number' || targetPort === 0) return { type: 'cluster-not-found' };
    const addresses = readyAddresses(store, cluster.namespace, cluster.service);
    if (addresses.length === 0) return { type: 'no-healthy-upstream' };
    const index = (nextIndex.get(cluster.name) ?? 0) % addresses.length;
    nextIndex.set(cluster.name, index + 1);
    return { type: 'address', ip: addresses[index]!, port: targetPort };
  };
}

/** Addresses of the Service's ready endpoints, as cluster DNS answers for a headless name. */
function readyAddresses(store: ObjectStore, namespace: string, service: string): string[] {
  const addresses = new Set<string>();
  for (const slice of store.scan(endpointSlicesId, namespace)) {
    if (slice.metadata.labels?.[serviceNameLabel] !== service) continue;
    for (const endpoint of (slice.endpoints ?? []) as Json[]) {
      if (endpoint.conditions?.ready === false) continue;
      for (const address of (endpoint.addresses ?? []) as string[]) addresses.add(address);
    }
  }
  return [...addresses].sort();
}

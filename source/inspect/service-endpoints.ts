import type { Json, KubeObject } from '../sandbox/api/kube-object.ts';
import type { EndpointReport } from './inspect-report.ts';

const serviceNameLabel = 'kubernetes.io/service-name';

/** EndpointSlices grouped by the `namespace/name` of the Service they belong to. */
export function slicesByService(slices: readonly KubeObject[]): Map<string, KubeObject[]> {
  const groups = new Map<string, KubeObject[]>();
  for (const slice of slices) {
    const service = slice.metadata.labels?.[serviceNameLabel];
    if (!service) continue;
    const key = `${slice.metadata.namespace}/${service}`;
    let group = groups.get(key);
    if (!group) {
      group = [];
      groups.set(key, group);
    }
    group.push(slice);
  }
  return groups;
}

/**
 * Each endpoint of a Service's slices, in kube-proxy's terms: `terminating` first (it is
 * going away whatever its readiness), then ready (`ready` unset means ready), else not ready.
 */
export function endpointsOf(slices: readonly KubeObject[]): EndpointReport[] {
  const endpoints: EndpointReport[] = [];
  for (const slice of slices) {
    const ports = ((slice.ports ?? []) as Json[]).map(
      (port) => `${port.port}/${port.protocol ?? 'TCP'}`,
    );
    for (const endpoint of (slice.endpoints ?? []) as Json[]) {
      const conditions = endpoint.conditions ?? {};
      const state: EndpointReport['state'] =
        conditions.terminating === true
          ? 'terminating'
          : conditions.ready === false
            ? 'notReady'
            : 'ready';
      endpoints.push({
        address: endpoint.addresses?.[0] ?? '',
        ports,
        state,
        ...(endpoint.targetRef?.kind === 'Pod' ? { pod: endpoint.targetRef.name } : {}),
        ...(endpoint.nodeName ? { node: endpoint.nodeName } : {}),
      });
    }
  }
  return endpoints.sort((a, b) => a.address.localeCompare(b.address, 'en', { numeric: true }));
}

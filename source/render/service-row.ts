import type { Json } from '../sandbox/api/kube-object.ts';
import { since } from './human-duration.ts';
import { formatLabels } from './label-format.ts';
import { loadBalancerAddresses } from './load-balancer-address.ts';
import { ageColumn, nameColumn, none } from './object-meta-columns.ts';
import { servicePorts } from './service-ports.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const serviceColumns = [
  nameColumn,
  column(
    'Type',
    'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.',
  ),
  column(
    'Cluster-IP',
    'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail.',
  ),
  column(
    'External-IP',
    'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.  These IPs are not managed by Kubernetes.',
  ),
  column('Port(s)', 'The list of ports that are exposed by this service.'),
  ageColumn,
  column(
    'Selector',
    'Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify.',
    { priority: 1 },
  ),
] as const;

/**
 * EXTERNAL-IP: `<none>` for cluster-internal types unless externalIPs are set, the
 * load-balancer addresses (or `<pending>` before one is assigned), the DNS name for
 * ExternalName.
 */
export function serviceExternalIP(service: Readonly<Json>): string {
  const spec = service.spec ?? {};
  const externalIPs: string[] = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : none;
    case 'LoadBalancer': {
      const assigned = loadBalancerAddresses(service.status?.loadBalancer);
      if (externalIPs.length > 0)
        return [...(assigned ? assigned.split(',') : []), ...externalIPs].join(',');
      return assigned || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

/** CLUSTER-IP: the first cluster IP, `None` for a headless Service. */
export function serviceClusterIP(service: Readonly<Json>): string {
  const spec = service.spec ?? {};
  // The server always fills clusterIPs from clusterIP; read clusterIP for objects that skipped it.
  return spec.clusterIPs?.[0] ?? (spec.clusterIP || none);
}

export const serviceRow: ObjectRenderer = {
  columns: serviceColumns,
  cells(service, now) {
    return [
      service.metadata?.name ?? '',
      service.spec?.type ?? '',
      serviceClusterIP(service),
      serviceExternalIP(service),
      servicePorts(service.spec?.ports) || none,
      since(service.metadata?.creationTimestamp, now),
      formatLabels(service.spec?.selector),
    ];
  },
};

import type { Json } from '../sandbox/api/kube-object.ts';
import { since } from './human-duration.ts';
import { loadBalancerAddresses } from './load-balancer-address.ts';
import { ageColumn, nameColumn, none } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const ingressColumns = [
  nameColumn,
  column(
    'Class',
    'The name of the IngressClass resource that should be used for additional configuration',
  ),
  column('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
  column('Address', 'Address is a list containing ingress points for the load-balancer'),
  column('Ports', 'Ports of TLS configurations that open'),
  ageColumn,
] as const;

/** HOSTS: the first three rule hosts, `*` when no rule names one (formatHosts). */
export function ingressHosts(rules: readonly Json[] | null | undefined): string {
  const list = rules ?? [];
  const max = 3;
  const hosts: string[] = [];
  let more = false;
  for (const rule of list) {
    if (hosts.length === max) more = true;
    if (!more && rule.host) hosts.push(rule.host);
  }
  if (hosts.length === 0) return '*';
  // The server subtracts three from the number of rules, hosted or not.
  return more ? `${hosts.join(',')} + ${list.length - max} more...` : hosts.join(',');
}

export const ingressRow: ObjectRenderer = {
  columns: ingressColumns,
  cells(ingress, now) {
    const spec = ingress.spec ?? {};
    return [
      ingress.metadata?.name ?? '',
      spec.ingressClassName ?? none,
      ingressHosts(spec.rules),
      loadBalancerAddresses(ingress.status?.loadBalancer),
      (spec.tls ?? []).length > 0 ? '80, 443' : '80',
      since(ingress.metadata?.creationTimestamp, now),
    ];
  },
};

import type { Json } from '../sandbox/api/kube-object.ts';

/**
 * The addresses in a `status.loadBalancer`, sorted and without repeats, IP before hostname
 * for each entry. The server renders tables with wide options, so the list is never clipped.
 */
export function loadBalancerAddresses(status: Readonly<Json> | null | undefined): string {
  const addresses = new Set<string>();
  for (const entry of status?.ingress ?? []) {
    if (entry.ip) addresses.add(entry.ip);
    else if (entry.hostname) addresses.add(entry.hostname);
  }
  return [...addresses].sort().join(',');
}

import type { Json } from '../sandbox/api/kube-object.ts';
import { since } from './human-duration.ts';
import { ageColumn, nameColumn, none } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const endpointsColumns = [
  nameColumn,
  column(
    'Endpoints',
    'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.',
  ),
  ageColumn,
] as const;

/** `ip:port` for ready addresses, three at most, then `+ N more...` (formatEndpoints). */
export function formatEndpoints(subsets: readonly Json[] | null | undefined): string {
  if (!subsets || subsets.length === 0) return none;
  const max = 3;
  const shown: string[] = [];
  let count = 0;
  const add = (text: string) => {
    if (shown.length < max) shown.push(text);
  };
  for (const subset of subsets) {
    const addresses: Json[] = subset.addresses ?? [];
    const ports: Json[] = subset.ports ?? [];
    // A headless Service without ports lists bare IPs.
    if (ports.length === 0) {
      count += addresses.length;
      for (const address of addresses) add(address.ip);
      continue;
    }
    for (const port of ports) {
      count += addresses.length;
      for (const address of addresses) add(hostPort(address.ip, port.port));
    }
  }
  const text = shown.join(',');
  return count > max ? `${text} + ${count - max} more...` : text;
}

/** net.JoinHostPort: IPv6 addresses go in brackets. */
function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export const endpointsRow: ObjectRenderer = {
  columns: endpointsColumns,
  cells(endpoints, now) {
    return [
      endpoints.metadata?.name ?? '',
      formatEndpoints(endpoints.subsets),
      since(endpoints.metadata?.creationTimestamp, now),
    ];
  },
};

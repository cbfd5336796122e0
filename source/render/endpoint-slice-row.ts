import type { Json } from '../sandbox/api/kube-object.ts';
import { since } from './human-duration.ts';
import { listWithMore } from './list-with-more.ts';
import { ageColumn, nameColumn, unset } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const endpointSliceColumns = [
  nameColumn,
  column(
    'AddressType',
    'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type.',
  ),
  column(
    'Ports',
    'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name.',
  ),
  column(
    'Endpoints',
    'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.',
  ),
  ageColumn,
] as const;

export const endpointSliceRow: ObjectRenderer = {
  columns: endpointSliceColumns,
  cells(slice, now) {
    const ports = (slice.ports ?? []).map((port: Json) =>
      port.port !== undefined && port.port !== null ? String(port.port) : (port.name ?? '*'),
    );
    const addresses = (slice.endpoints ?? []).flatMap((endpoint: Json) => endpoint.addresses ?? []);
    return [
      slice.metadata?.name ?? '',
      slice.addressType ?? '',
      listWithMore(ports, unset),
      listWithMore(addresses, unset),
      since(slice.metadata?.creationTimestamp, now),
    ];
  },
};

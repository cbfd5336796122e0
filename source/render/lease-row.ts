import { since } from './human-duration.ts';
import { ageColumn, nameColumn } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const leaseColumns = [
  nameColumn,
  column(
    'Holder',
    'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.',
  ),
  ageColumn,
] as const;

export const leaseRow: ObjectRenderer = {
  columns: leaseColumns,
  cells(lease, now) {
    return [
      lease.metadata?.name ?? '',
      lease.spec?.holderIdentity ?? '',
      since(lease.metadata?.creationTimestamp, now),
    ];
  },
};

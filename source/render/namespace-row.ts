import { since } from './human-duration.ts';
import { ageColumn, nameColumn } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const namespaceColumns = [
  nameColumn,
  column('Status', 'The status of the namespace'),
  ageColumn,
] as const;

export const namespaceRow: ObjectRenderer = {
  columns: namespaceColumns,
  cells(namespace, now) {
    return [
      namespace.metadata?.name ?? '',
      namespace.status?.phase ?? '',
      since(namespace.metadata?.creationTimestamp, now),
    ];
  },
};

import { since } from './human-duration.ts';
import { ageColumn, nameColumn } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const secretColumns = [
  nameColumn,
  column('Type', 'Used to facilitate programmatic handling of secret data.'),
  column(
    'Data',
    "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'.",
  ),
  ageColumn,
] as const;

export const secretRow: ObjectRenderer = {
  columns: secretColumns,
  cells(secret, now) {
    return [
      secret.metadata?.name ?? '',
      secret.type ?? '',
      Object.keys(secret.data ?? {}).length,
      since(secret.metadata?.creationTimestamp, now),
    ];
  },
};

import { since } from './human-duration.ts';
import { ageColumn, nameColumn } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const serviceAccountColumns = [
  nameColumn,
  column(
    'Secrets',
    'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
  ),
  ageColumn,
] as const;

export const serviceAccountRow: ObjectRenderer = {
  columns: serviceAccountColumns,
  cells(account, now) {
    return [
      account.metadata?.name ?? '',
      (account.secrets ?? []).length,
      since(account.metadata?.creationTimestamp, now),
    ];
  },
};

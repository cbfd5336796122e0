import { since } from './human-duration.ts';
import { ageColumn, nameColumn } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const configMapColumns = [
  nameColumn,
  column(
    'Data',
    "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'.",
  ),
  ageColumn,
] as const;

export const configMapRow: ObjectRenderer = {
  columns: configMapColumns,
  cells(configMap, now) {
    // Text and binary keys count alike.
    const keys =
      Object.keys(configMap.data ?? {}).length + Object.keys(configMap.binaryData ?? {}).length;
    return [
      configMap.metadata?.name ?? '',
      keys,
      since(configMap.metadata?.creationTimestamp, now),
    ];
  },
};

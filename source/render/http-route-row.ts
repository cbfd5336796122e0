import { jsonPathDate, jsonPathText, printerColumn } from './custom-resource-cells.ts';
import { nameColumn } from './object-meta-columns.ts';
import type { ObjectRenderer } from './table-column.ts';

export const httpRouteColumns = [
  nameColumn,
  printerColumn('Hostnames', '.spec.hostnames', 'string'),
  printerColumn('Age', '.metadata.creationTimestamp', 'date'),
] as const;

export const httpRouteRow: ObjectRenderer = {
  columns: httpRouteColumns,
  cells(route, now) {
    return [
      route.metadata?.name ?? '',
      jsonPathText(route.spec?.hostnames),
      jsonPathDate(route.metadata?.creationTimestamp, now),
    ];
  },
};

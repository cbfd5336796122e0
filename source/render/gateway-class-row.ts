import {
  conditionStatus,
  jsonPathDate,
  jsonPathText,
  printerColumn,
} from './custom-resource-cells.ts';
import { nameColumn } from './object-meta-columns.ts';
import type { ObjectRenderer } from './table-column.ts';

export const gatewayClassColumns = [
  nameColumn,
  printerColumn('Controller', '.spec.controllerName', 'string'),
  printerColumn('Accepted', '.status.conditions[?(@.type=="Accepted")].status', 'string'),
  printerColumn('Age', '.metadata.creationTimestamp', 'date'),
  printerColumn('Description', '.spec.description', 'string', 1),
] as const;

export const gatewayClassRow: ObjectRenderer = {
  columns: gatewayClassColumns,
  cells(gatewayClass, now) {
    return [
      gatewayClass.metadata?.name ?? '',
      jsonPathText(gatewayClass.spec?.controllerName),
      jsonPathText(conditionStatus(gatewayClass, 'Accepted')),
      jsonPathDate(gatewayClass.metadata?.creationTimestamp, now),
      jsonPathText(gatewayClass.spec?.description),
    ];
  },
};

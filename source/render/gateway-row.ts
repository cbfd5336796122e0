import {
  conditionStatus,
  jsonPathDate,
  jsonPathText,
  printerColumn,
} from './custom-resource-cells.ts';
import { nameColumn } from './object-meta-columns.ts';
import type { ObjectRenderer } from './table-column.ts';

export const gatewayColumns = [
  nameColumn,
  printerColumn('Class', '.spec.gatewayClassName', 'string'),
  printerColumn('Address', '.status.addresses[*].value', 'string'),
  printerColumn('Programmed', '.status.conditions[?(@.type=="Programmed")].status', 'string'),
  printerColumn('Age', '.metadata.creationTimestamp', 'date'),
] as const;

export const gatewayRow: ObjectRenderer = {
  columns: gatewayColumns,
  cells(gateway, now) {
    // The server keeps only the first JSONPath result: one address, however many there are.
    const address = (gateway.status?.addresses ?? []).find(
      (a: { value?: string }) => a?.value !== undefined,
    )?.value;
    return [
      gateway.metadata?.name ?? '',
      jsonPathText(gateway.spec?.gatewayClassName),
      jsonPathText(address),
      jsonPathText(conditionStatus(gateway, 'Programmed')),
      jsonPathDate(gateway.metadata?.creationTimestamp, now),
    ];
  },
};

import {
  agePrinterColumn,
  conditionStatus,
  customResourceRenderer,
} from './custom-resource-cells.ts';

export const gatewayRow = customResourceRenderer([
  {
    name: 'Class',
    jsonPath: '.spec.gatewayClassName',
    type: 'string',
    read: (gateway) => gateway.spec?.gatewayClassName,
  },
  {
    name: 'Address',
    jsonPath: '.status.addresses[*].value',
    type: 'string',
    // The server keeps only the first JSONPath result: one address, however many there are.
    read: (gateway) =>
      (gateway.status?.addresses ?? []).find((a: { value?: string }) => a?.value !== undefined)
        ?.value,
  },
  {
    name: 'Programmed',
    jsonPath: '.status.conditions[?(@.type=="Programmed")].status',
    type: 'string',
    read: (gateway) => conditionStatus(gateway, 'Programmed'),
  },
  agePrinterColumn,
]);

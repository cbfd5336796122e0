import { agePrinterColumn, customResourceRenderer } from './custom-resource-cells.ts';

export const httpRouteRow = customResourceRenderer([
  {
    name: 'Hostnames',
    jsonPath: '.spec.hostnames',
    type: 'string',
    read: (route) => route.spec?.hostnames,
  },
  agePrinterColumn,
]);

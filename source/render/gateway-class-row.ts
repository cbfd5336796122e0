import {
  agePrinterColumn,
  conditionStatus,
  customResourceRenderer,
} from './custom-resource-cells.ts';

export const gatewayClassRow = customResourceRenderer([
  {
    name: 'Controller',
    jsonPath: '.spec.controllerName',
    type: 'string',
    read: (gatewayClass) => gatewayClass.spec?.controllerName,
  },
  {
    name: 'Accepted',
    jsonPath: '.status.conditions[?(@.type=="Accepted")].status',
    type: 'string',
    read: (gatewayClass) => conditionStatus(gatewayClass, 'Accepted'),
  },
  agePrinterColumn,
  {
    name: 'Description',
    jsonPath: '.spec.description',
    type: 'string',
    priority: 1,
    read: (gatewayClass) => gatewayClass.spec?.description,
  },
]);

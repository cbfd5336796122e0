import { since } from './human-duration.ts';
import { ageColumn, nameColumn, none } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const ingressClassColumns = [
  nameColumn,
  column('Controller', 'Controller that is responsible for handling this class'),
  column('Parameters', 'A reference to a resource with additional parameters'),
  ageColumn,
] as const;

export const ingressClassRow: ObjectRenderer = {
  columns: ingressClassColumns,
  cells(ingressClass, now) {
    const parameters = ingressClass.spec?.parameters;
    let parametersCell = none;
    if (parameters) {
      // `Kind.group/name`; a present but empty apiGroup still adds the dot, as on the server.
      const group =
        parameters.apiGroup !== undefined && parameters.apiGroup !== null
          ? `.${parameters.apiGroup}`
          : '';
      parametersCell = `${parameters.kind ?? ''}${group}/${parameters.name ?? ''}`;
    }
    return [
      ingressClass.metadata?.name ?? '',
      ingressClass.spec?.controller ?? '',
      parametersCell,
      since(ingressClass.metadata?.creationTimestamp, now),
    ];
  },
};

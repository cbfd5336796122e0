import type { Json } from '../sandbox/api/kube-object.ts';

/** A column as meta.k8s.io/v1 `TableColumnDefinition` declares it. */
export interface TableColumn {
  /** Title case, as the server sends it (`Cluster-IP`); kubectl upper-cases it. */
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  /** 0 for default output, 1 for columns only `-o wide` shows. */
  priority: number;
}

/** One cell: the server sends strings, integers and, for missing CRD values, null. */
export type TableCell = string | number | boolean | null;

/** `TableRowCondition`: pods that finished carry `Completed`. */
export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/**
 * How one kind is shown as a table row: the columns it declares and a pure function from an
 * object to its cells. Rows always carry every column, wide ones included, as the API server
 * prints them; a view that wants the narrow form drops the `priority: 1` cells.
 */
export interface ObjectRenderer {
  columns: readonly TableColumn[];
  cells(object: Readonly<Json>, now: Date): TableCell[];
  conditions?(object: Readonly<Json>): TableRowCondition[] | undefined;
}

export function column(
  name: string,
  description: string,
  options: { type?: TableColumn['type']; format?: string; priority?: number } = {},
): TableColumn {
  return {
    name,
    type: options.type ?? 'string',
    format: options.format ?? '',
    description,
    priority: options.priority ?? 0,
  };
}

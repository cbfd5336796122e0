import type { Json } from '../sandbox/api/kube-object.ts';
import { humanDuration } from './human-duration.ts';
import { nameColumn } from './object-meta-columns.ts';
import { column, type ObjectRenderer, type TableCell, type TableColumn } from './table-column.ts';

/** One of a CRD's additionalPrinterColumns, with what its JSONPath finds in an object. */
export interface PrinterColumn {
  name: string;
  jsonPath: string;
  type: 'string' | 'date';
  priority?: number;
  read(object: Readonly<Json>): unknown;
}

/** The row of a custom resource: its name, then each printer column as the server fills it. */
export function customResourceRenderer(printerColumns: readonly PrinterColumn[]): ObjectRenderer {
  return {
    columns: [
      nameColumn,
      ...printerColumns.map((c) => printerColumn(c.name, c.jsonPath, c.type, c.priority)),
    ],
    cells(object, now) {
      return [
        object.metadata?.name ?? '',
        ...printerColumns.map((c) =>
          c.type === 'date' ? jsonPathDate(c.read(object), now) : jsonPathText(c.read(object)),
        ),
      ];
    },
  };
}

/** `.metadata.creationTimestamp` as a date column, which every CRD here declares as Age. */
export const agePrinterColumn: PrinterColumn = {
  name: 'Age',
  jsonPath: '.metadata.creationTimestamp',
  type: 'date',
  read: (object) => object.metadata?.creationTimestamp,
};

/**
 * Gateway API kinds are CustomResourceDefinitions: their columns come from the CRD's
 * additionalPrinterColumns, which the server describes by their JSONPath.
 */
function printerColumn(
  name: string,
  jsonPath: string,
  type: TableColumn['type'],
  priority = 0,
): TableColumn {
  return column(name, `Custom resource definition column (in JSONPath format): ${jsonPath}`, {
    type,
    priority,
  });
}

/**
 * A `type: string` printer column's cell: strings as they are, lists and maps as JSON
 * (`["echo.example.com"]`), and null — an empty cell in kubectl — when absent.
 */
function jsonPathText(value: unknown): TableCell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A `type: date` printer column's cell: the time since, like AGE. */
function jsonPathDate(value: unknown, now: Date): TableCell {
  if (typeof value !== 'string') return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return '<invalid>';
  return humanDuration(now.getTime() - at);
}

/** `.status.conditions[?(@.type=="X")].status`: the first matching condition's status. */
export function conditionStatus(object: Readonly<Json>, type: string): unknown {
  return (object.status?.conditions ?? []).find((c: Json) => c?.type === type)?.status;
}

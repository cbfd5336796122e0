import { creationTimestampDescription, nameColumn } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

/**
 * What the API server prints for a kind without printers of its own (its default table
 * convertor): NAME and the creation time as an RFC 3339 timestamp, which kubectl shows as
 * CREATED AT.
 */
export const createdAtRow: ObjectRenderer = {
  columns: [nameColumn, column('Created At', creationTimestampDescription, { type: 'date' })],
  cells(object) {
    return [object.metadata?.name ?? '', object.metadata?.creationTimestamp ?? null];
  },
};

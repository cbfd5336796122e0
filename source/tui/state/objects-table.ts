import { rendererFor } from '../../render/renderers.ts';
import type { TableCell } from '../../render/table-column.ts';
import { type StyledLine, segment, truncate } from '../text/styled-line.ts';
import type { CachedObject, ObjectsSnapshot } from './object-cache.ts';
import { type WatchedKind, watchedKinds } from './watched-kinds.ts';

/** How long a changed row stays highlighted. */
export const highlightMs = 1_500;
const gap = '  ';

export interface ObjectsTable {
  lines: StyledLine[];
  /** Rows per shown kind, for summaries: `3 pods`, `1 service`. */
  counts: string[];
}

function cellText(cell: TableCell | undefined): string {
  if (cell === null || cell === undefined) return '<none>';
  return String(cell);
}

interface Group {
  kind: WatchedKind;
  headers: string[];
  rows: { entry: CachedObject; cells: string[] }[];
}

/** Drops columns in the kind's order until the rows fit; the name is never dropped. */
function fitColumns(group: Group, width: number): { columns: number[]; widths: number[] } {
  let columns = group.headers.map((_, index) => index);
  const widthsOf = (cols: number[]) =>
    cols.map((column) =>
      Math.max(
        group.headers[column]!.length,
        ...group.rows.map((row) => [...row.cells[column]!].length),
      ),
    );
  const total = (widths: number[]) =>
    widths.reduce((sum, w) => sum + w, 0) + gap.length * (widths.length - 1);
  for (const name of ['', ...group.kind.dropOrder]) {
    if (name) {
      const drop = group.kind.columns.indexOf(name);
      columns = columns.filter((column) => column !== drop);
    }
    if (total(widthsOf(columns)) <= width) break;
  }
  return { columns, widths: widthsOf(columns) };
}

function rowText(cells: string[], columns: number[], widths: number[], width: number): string {
  const text = columns
    .map((column, index) => {
      const cell = cells[column]!;
      return index === columns.length - 1 ? cell : cell.padEnd(widths[index]!);
    })
    .join(gap);
  return truncate(text, width);
}

/**
 * Remembers each row's line by the object's uid, its resourceVersion, the time-dependent cells and the
 * column widths, so an unchanged row keeps the same line object and its memoised component
 * skips rendering.
 */
export class RowLineCache {
  private lines = new Map<string, { key: string; line: StyledLine }>();

  line(id: string, key: string, build: () => StyledLine): StyledLine {
    const cached = this.lines.get(id);
    if (cached && cached.key === key) return cached.line;
    const line = build();
    this.lines.set(id, { key, line });
    return line;
  }

  /** Forgets rows that are gone. */
  keepOnly(ids: Set<string>): void {
    for (const id of this.lines.keys()) if (!ids.has(id)) this.lines.delete(id);
  }
}

/**
 * The Objects pane as lines: one small table per kind with kubectl's columns (the kind's name
 * heads the NAME column, as in `kubectl get all`), narrowed to the pane, with rows that
 * changed in the last moment marked.
 */
export function objectsTable(
  snapshot: ObjectsSnapshot,
  width: number,
  cache: RowLineCache = new RowLineCache(),
): ObjectsTable {
  const now = new Date(snapshot.at);
  const groups: Group[] = [];
  for (const kind of watchedKinds) {
    if (!kind.shown) continue;
    const entries = snapshot.objects
      .filter((entry) => entry.resourceId === kind.resourceId)
      .sort((a, b) => a.object.metadata.name!.localeCompare(b.object.metadata.name!));
    if (entries.length === 0) continue;
    const renderer = rendererFor(kind.resourceId);
    const indexes = kind.columns.map((name) =>
      renderer.columns.findIndex((column) => column.name === name),
    );
    groups.push({
      kind,
      headers: kind.columns.map((name, index) => (index === 0 ? kind.title : name.toUpperCase())),
      rows: entries.map((entry) => {
        const cells = renderer.cells(entry.object, now);
        return { entry, cells: indexes.map((index) => cellText(cells[index])) };
      }),
    });
  }
  const lines: StyledLine[] = [];
  const counts: string[] = [];
  const ids = new Set<string>();
  for (const group of groups) {
    const count = group.rows.length;
    counts.push(`${count} ${count === 1 ? group.kind.kind.toLowerCase() : group.kind.plural}`);
    const { columns, widths } = fitColumns(group, width);
    const signature = `${width}|${widths.join(',')}|${columns.join(',')}`;
    if (lines.length > 0) lines.push([]);
    lines.push([segment(rowText(group.headers, columns, widths, width), 'title')] as StyledLine);
    for (const row of group.rows) {
      const meta = row.entry.object.metadata;
      const id = meta.uid ?? `${group.kind.resourceId}|${meta.namespace ?? ''}|${meta.name}`;
      ids.add(id);
      const changed = snapshot.at - row.entry.changedAt < highlightMs;
      const text = rowText(row.cells, columns, widths, width);
      const key = `${meta.resourceVersion}|${changed}|${signature}|${text}`;
      lines.push(
        cache.line(id, key, () => [segment(text, changed ? 'changed' : 'plain')] as StyledLine),
      );
    }
  }
  cache.keepOnly(ids);
  return { lines, counts };
}

import type { ObjectRenderer, TableCell } from '../../source/render/table-column.ts';
import type { Json } from '../../source/sandbox/api/kube-object.ts';

/** The clock every render fixture is read against. */
export const fixtureNow = new Date('2026-11-26T12:00:00Z');

/** A rendered row as `{COLUMN: cell}`, upper-cased the way kubectl prints the headers. */
export function renderRow(
  renderer: ObjectRenderer,
  object: Json,
  now: Date = fixtureNow,
): Record<string, TableCell> {
  const cells = renderer.cells(object, now);
  if (cells.length !== renderer.columns.length)
    throw new Error(`${cells.length} cells for ${renderer.columns.length} columns`);
  return Object.fromEntries(renderer.columns.map((c, i) => [c.name.toUpperCase(), cells[i]!]));
}

/** Finds a fixture by name in a list of objects. */
export function fixture<T extends Json>(objects: readonly T[], name: string): T {
  const found = objects.find((o) => o.metadata?.name === name);
  if (!found) throw new Error(`no fixture named ${name}`);
  return structuredClone(found);
}

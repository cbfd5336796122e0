import type { TreeRow } from './inspect-tree.ts';

/** What the inspect view remembers between frames and refreshes. */
export interface InspectViewState {
  selectedId: string | undefined;
  /** Namespaces (and the findings group) the user closed; they start open. */
  collapsed: ReadonlySet<string>;
  /** Services the user opened; they start closed. */
  expanded: ReadonlySet<string>;
}

export type InspectViewAction =
  | { type: 'select-next'; rows: readonly TreeRow[] }
  | { type: 'select-previous'; rows: readonly TreeRow[] }
  | { type: 'toggle'; rows: readonly TreeRow[] }
  | { type: 'open'; rows: readonly TreeRow[] }
  | { type: 'close'; rows: readonly TreeRow[] };

export const initialInspectViewState: InspectViewState = {
  selectedId: undefined,
  collapsed: new Set(),
  expanded: new Set(),
};

/** The selected row's index; the first row when nothing (or a vanished row) is selected. */
export function selectedIndex(state: InspectViewState, rows: readonly TreeRow[]): number {
  const index = rows.findIndex((row) => row.id === state.selectedId);
  return Math.max(index, 0);
}

export function inspectViewReducer(
  state: InspectViewState,
  action: InspectViewAction,
): InspectViewState {
  const { rows } = action;
  if (rows.length === 0) return state;
  const index = selectedIndex(state, rows);
  const row = rows[index]!;
  switch (action.type) {
    case 'select-next':
      return { ...state, selectedId: rows[Math.min(rows.length - 1, index + 1)]!.id };
    case 'select-previous':
      return { ...state, selectedId: rows[Math.max(0, index - 1)]!.id };
    case 'toggle':
      return isOpen(state, row) ? close(state, row, rows, index) : open(state, row);
    case 'open':
      return open(state, row);
    case 'close':
      return close(state, row, rows, index);
  }
}

function isOpen(state: InspectViewState, row: TreeRow): boolean {
  if (row.kind === 'service') return state.expanded.has(row.id);
  return row.expandable && !state.collapsed.has(row.id);
}

function open(state: InspectViewState, row: TreeRow): InspectViewState {
  if (!row.expandable) return { ...state, selectedId: row.id };
  if (row.kind === 'service')
    return { ...state, selectedId: row.id, expanded: new Set([...state.expanded, row.id]) };
  const collapsed = new Set(state.collapsed);
  collapsed.delete(row.id);
  return { ...state, selectedId: row.id, collapsed };
}

/** Closes the row, or — on a leaf or a closed row — moves to its parent. */
function close(
  state: InspectViewState,
  row: TreeRow,
  rows: readonly TreeRow[],
  index: number,
): InspectViewState {
  if (row.expandable && isOpen(state, row)) {
    if (row.kind === 'service') {
      const expanded = new Set(state.expanded);
      expanded.delete(row.id);
      return { ...state, selectedId: row.id, expanded };
    }
    return { ...state, selectedId: row.id, collapsed: new Set([...state.collapsed, row.id]) };
  }
  for (let i = index - 1; i >= 0; i--)
    if (rows[i]!.depth < row.depth) return { ...state, selectedId: rows[i]!.id };
  return state;
}

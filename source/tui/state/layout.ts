import type { LessonViewState, LivePaneId, PaneId } from './lesson-view-state.ts';

/** Where the lesson text and the live panes go, from the terminal's size. Pure, so it is tested. */

/** At this width and above the live panes sit beside the lesson text. */
export const sideBySideColumns = 120;
/** Header, status line and hint bar. */
export const chromeRows = 3;

export interface PaneBox {
  /** Content cells, without the pane's title line. */
  width: number;
  height: number;
}

export interface Layout {
  mode: 'side-by-side' | 'stacked';
  columns: number;
  rows: number;
  /** The panes on screen, each with its content size. */
  panes: Partial<Record<PaneId, PaneBox>>;
  /** Stacked mode shows one live pane at a time under tabs. */
  tab?: LivePaneId;
  zoomed?: PaneId;
}

export function layoutFor(
  size: { columns: number; rows: number },
  view: Pick<LessonViewState, 'focus' | 'tab' | 'zoomed'>,
): Layout {
  const columns = Math.max(20, size.columns);
  const rows = Math.max(10, size.rows);
  const body = rows - chromeRows;
  const mode = columns >= sideBySideColumns ? 'side-by-side' : 'stacked';
  if (view.zoomed) {
    return {
      mode,
      columns,
      rows,
      panes: { [view.focus]: { width: columns, height: body - 1 } },
      zoomed: view.focus,
    };
  }
  if (mode === 'side-by-side') {
    const left = Math.floor(columns * 0.45);
    // The rule between the halves and a space after it.
    const right = columns - left - 2;
    const objects = Math.max(4, Math.round(body * 0.45));
    const traffic = Math.max(4, Math.round(body * 0.33));
    const path = Math.max(3, body - objects - traffic);
    return {
      mode,
      columns,
      rows,
      panes: {
        lesson: { width: left, height: body - 1 },
        objects: { width: right, height: objects - 1 },
        traffic: { width: right, height: traffic - 1 },
        path: { width: right, height: path - 1 },
      },
    };
  }
  const lesson = Math.max(4, Math.floor(body * 0.5));
  const lower = body - lesson;
  return {
    mode,
    columns,
    rows,
    tab: view.tab,
    panes: {
      lesson: { width: columns, height: lesson - 1 },
      // The tab bar is the lower pane's title line.
      [view.tab]: { width: columns, height: lower - 1 },
    },
  };
}

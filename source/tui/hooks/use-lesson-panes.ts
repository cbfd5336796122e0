import { useMemo, useRef } from 'react';
import { pathRequestFor } from '../adapters/probe-request.ts';
import type { LessonSession } from '../session/lesson-session.ts';
import { currentProbeStep } from '../state/current-probe.ts';
import type { Layout } from '../state/layout.ts';
import { autoOffset, lessonTextLines } from '../state/lesson-text-lines.ts';
import type { LessonViewState, PaneId } from '../state/lesson-view-state.ts';
import { objectsTable, RowLineCache } from '../state/objects-table.ts';
import { pathLines } from '../state/path-lines.ts';
import { type LastAnswer, requestPath } from '../state/request-path.ts';
import { trafficLines } from '../state/traffic-lines.ts';
import type { StyledLine } from '../text/styled-line.ts';
import { useReadable } from './use-readable.ts';

export interface PaneContent {
  lines: StyledLine[];
  /** The first line shown. */
  offset: number;
  /** The last offset that still fills the pane. */
  maxOffset: number;
  /** A few words after the pane's title. */
  note: string;
}

export type PaneContents = Partial<Record<PaneId, PaneContent>>;

function windowOf(
  lines: StyledLine[],
  height: number,
  scroll: number | 'auto',
  auto: number,
  note: string,
): PaneContent {
  const maxOffset = Math.max(0, lines.length - height);
  const offset = Math.min(maxOffset, scroll === 'auto' ? auto : scroll);
  return { lines, offset, maxOffset, note };
}

/**
 * What each pane on screen shows: the session's stores turned into lines for the pane's width,
 * recomputed only when their inputs change, and the scroll position of each.
 */
export function useLessonPanes(
  session: LessonSession,
  view: LessonViewState,
  layout: Layout,
): PaneContents {
  const run = useReadable(session.run);
  const traffic = useReadable(session.traffic);
  const snapshot = useReadable(session.objects);
  const rows = useRef(new RowLineCache()).current;
  const { lesson, objects, traffic: trafficBox, path } = layout.panes;
  // Widths, not boxes: a re-layout that keeps a pane's width keeps its lines.
  const lessonWidth = lesson?.width;
  const objectsWidth = objects?.width;
  const trafficWidth = trafficBox?.width;
  const pathWidth = path?.width;

  const lessonText = useMemo(
    () => (lessonWidth ? lessonTextLines(run, view.viewIndex, lessonWidth) : undefined),
    [run, view.viewIndex, lessonWidth],
  );
  const table = useMemo(
    () => (objectsWidth ? objectsTable(snapshot, objectsWidth, rows) : undefined),
    [snapshot, objectsWidth, rows],
  );
  const traffics = useMemo(
    () => (trafficWidth ? trafficLines(traffic, trafficWidth) : undefined),
    [traffic, trafficWidth],
  );
  const route = useMemo(() => {
    if (!pathWidth) return undefined;
    const step = currentProbeStep(run, view.viewIndex);
    if (!step) return pathLines(undefined, [], pathWidth);
    const request = pathRequestFor(step, run.lesson.namespace, run.variables);
    const batch = traffic.batches.find((candidate) => candidate.command.includes(request.url));
    const newest = batch?.results[0];
    const last: LastAnswer | undefined = newest && {
      kind: newest.kind,
      label: newest.label,
      ...(newest.status !== undefined ? { status: newest.status } : {}),
      ...(newest.detail ? { detail: newest.detail } : {}),
      ...(newest.pod ? { pod: newest.pod } : {}),
    };
    const from =
      step.from.kind === 'machine' ? 'your machine' : `${step.from.kind}/${step.from.name}`;
    return pathLines(
      { url: request.url, from },
      requestPath(request, snapshot.objects, last),
      pathWidth,
    );
  }, [run, view.viewIndex, traffic, snapshot, pathWidth]);

  const contents: PaneContents = {};
  if (lesson && lessonText) {
    const done = run.steps.filter(
      (step) => step.status === 'passed' || step.status === 'failed',
    ).length;
    contents.lesson = windowOf(
      lessonText.lines,
      lesson.height,
      view.scroll.lesson,
      autoOffset(lessonText, lesson.height),
      `step ${Math.min(view.viewIndex + 1, run.steps.length)} of ${run.steps.length} · ${done} done`,
    );
  }
  if (objects && table) {
    const counts = table.counts.join(', ');
    contents.objects = windowOf(
      table.lines.length > 0
        ? table.lines
        : [[{ text: `Nothing in namespace ${session.lesson.namespace} yet.`, style: 'muted' }]],
      objects.height,
      view.scroll.objects,
      0,
      `namespace ${session.lesson.namespace}${counts ? ` · ${counts}` : ''}`,
    );
  }
  if (trafficBox && traffics) {
    contents.traffic = windowOf(
      traffics,
      trafficBox.height,
      view.scroll.traffic,
      0,
      'newest first',
    );
  }
  if (path && route) {
    contents.path = windowOf(route, path.height, view.scroll.path, 0, "the step's request");
  }
  return contents;
}

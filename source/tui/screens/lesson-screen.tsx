import { Box, Text } from 'ink';
import { useEffect, useReducer } from 'react';
import { BusyLine } from '../components/busy-line.tsx';
import { HintBar } from '../components/hint-bar.tsx';
import { TabBar } from '../components/tab-bar.tsx';
import { useScreenSize } from '../hooks/screen-size-context.ts';
import { useTheme } from '../hooks/theme-context.ts';
import { useTutor } from '../hooks/tutor-context.ts';
import { useKeyCommands } from '../hooks/use-key-commands.ts';
import { useLessonCommands } from '../hooks/use-lesson-commands.ts';
import { useLessonPanes } from '../hooks/use-lesson-panes.ts';
import { useReadable } from '../hooks/use-readable.ts';
import type { Scope } from '../keymap.ts';
import { LessonTextPane } from '../panes/lesson-text-pane.tsx';
import { LivePane, livePanes } from '../panes/live-pane.tsx';
import type { LessonSession } from '../session/lesson-session.ts';
import { helpLines, lessonHelpScopes } from '../state/help-lines.ts';
import { layoutFor } from '../state/layout.ts';
import type { LessonRunState } from '../state/lesson-run-state.ts';
import {
  initialLessonView,
  type LessonViewState,
  lessonViewReducer,
} from '../state/lesson-view-state.ts';
import { truncate } from '../text/styled-line.ts';
import { HelpOverlay } from './help-overlay.tsx';
import { LeaveDialog } from './leave-dialog.tsx';

function scopesFor(view: LessonViewState, run: LessonRunState): Scope[] {
  if (view.overlay === 'help') return ['help', 'global'];
  if (view.overlay === 'leave') return ['leave', 'global'];
  const scopes: Scope[] = [];
  if (run.prompt === 'quiz') scopes.push('quiz');
  if (run.prompt === 'challenge') scopes.push('challenge');
  return [...scopes, 'lesson', 'global'];
}

/** The lesson beside its live panes (or above them, tabbed, on a narrow terminal). */
export function LessonScreen({ session }: { session: LessonSession }) {
  const tutor = useTutor();
  const theme = useTheme();
  const size = useScreenSize();
  const run = useReadable(session.run);
  const [view, dispatch] = useReducer(lessonViewReducer, initialLessonView);
  const currentRunning = run.steps[run.current]?.status === 'running';
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the engine moving counts, not the view.
  useEffect(() => {
    const steps = session.lesson.steps;
    dispatch({
      type: 'engine-moved',
      index: run.current,
      running: currentRunning,
      newSection: steps[run.current]?.section !== steps[view.viewIndex]?.section,
    });
  }, [run.current, currentRunning]);
  const layout = layoutFor(size, view);
  const panes = useLessonPanes(session, view, layout);
  const scopes = scopesFor(view, run);
  const onCommand = useLessonCommands(tutor, session, view, dispatch, panes, layout);
  useKeyCommands(scopes, onCommand);

  const lesson = session.lesson;
  const header = `k8s-expose-tutor · ${lesson.number} ${lesson.title} · ${tutor.runtimeDescription ?? ''}`;
  const bodyHeight = layout.rows - 3;
  const title = `${lesson.number} ${lesson.title}`;
  const box = layout.panes;
  const titled = layout.mode === 'side-by-side' || Boolean(layout.zoomed);
  const live = (
    <>
      {livePanes.map(({ id, title: paneTitle }) => {
        const paneBox = box[id];
        const content = panes[id];
        if (!paneBox || !content) return null;
        return (
          <LivePane
            key={id}
            title={paneTitle}
            content={content}
            box={paneBox}
            focused={view.focus === id}
            titled={titled}
          />
        );
      })}
    </>
  );
  const lessonPane = box.lesson && panes.lesson && (
    <LessonTextPane
      title={title}
      content={panes.lesson}
      box={box.lesson}
      focused={view.focus === 'lesson'}
    />
  );
  let body: React.ReactNode;
  if (view.overlay === 'help') {
    body = (
      <HelpOverlay
        lines={helpLines(lessonHelpScopes, layout.columns)}
        offset={view.helpOffset}
        width={layout.columns}
        height={bodyHeight}
      />
    );
  } else if (layout.zoomed) {
    body =
      layout.zoomed === 'lesson' && box.lesson && panes.lesson ? (
        <LessonTextPane title={title} content={panes.lesson} box={box.lesson} focused />
      ) : (
        live
      );
  } else if (layout.mode === 'side-by-side') {
    body = (
      <Box flexDirection="row" height={bodyHeight}>
        {lessonPane}
        <Box
          flexDirection="column"
          borderStyle="single"
          borderTop={false}
          borderBottom={false}
          borderRight={false}
          borderDimColor
          paddingLeft={1}
        >
          {live}
        </Box>
      </Box>
    );
  } else {
    body = (
      <Box flexDirection="column" height={bodyHeight}>
        {lessonPane}
        <TabBar selected={view.tab} focused={view.focus !== 'lesson'} />
        {live}
      </Box>
    );
  }

  const status =
    view.overlay === 'leave' ? (
      <LeaveDialog objectsOutlive={tutor.objectsOutliveTutor} namespace={lesson.namespace} />
    ) : (
      <BusyLine
        busy={run.busy}
        idle={
          run.phase === 'finished'
            ? run.outcome?.passed
              ? 'Lesson complete.'
              : 'Lesson finished.'
            : run.prompt === 'run'
              ? 'Ready: ⏎ runs the step.'
              : undefined
        }
      />
    );
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.rows}>
      <Text {...theme.style('muted')} wrap="truncate-end">
        {truncate(header, layout.columns)}
      </Text>
      {body}
      {status}
      <HintBar scopes={scopes} width={layout.columns} />
    </Box>
  );
}

import { useApp } from 'ink';
import type { Dispatch } from 'react';
import type { Command } from '../keymap.ts';
import type { LessonSession } from '../session/lesson-session.ts';
import type { TutorApp } from '../session/tutor-app.ts';
import { helpLines, lessonHelpScopes } from '../state/help-lines.ts';
import type { Layout } from '../state/layout.ts';
import type { LessonViewAction, LessonViewState } from '../state/lesson-view-state.ts';
import type { PaneContents } from './use-lesson-panes.ts';

/**
 * What each command does on the lesson screen: view changes go to the view reducer, answers
 * and runs to the session, leaving to the tutor. The editor gets the terminal through Ink's
 * suspendTerminal, so the screen comes back as it was.
 */
export function useLessonCommands(
  tutor: TutorApp,
  session: LessonSession,
  view: LessonViewState,
  dispatch: Dispatch<LessonViewAction>,
  panes: PaneContents,
  layout: Layout,
): (command: Command, input: string) => void {
  const { suspendTerminal } = useApp();
  return (command, input) => {
    const run = session.run.getState();
    const scroll = (by: number) => {
      const pane = panes[view.focus];
      if (pane) dispatch({ type: 'scrolled', by, from: pane.offset, max: pane.maxOffset });
    };
    const page = Math.max(1, (layout.panes[view.focus]?.height ?? 10) - 1);
    if (view.overlay === 'help' && (command === 'scroll-down' || command === 'scroll-up')) {
      const max = Math.max(
        0,
        helpLines(lessonHelpScopes, layout.columns).length - (layout.rows - 4),
      );
      dispatch({ type: 'help-scrolled', by: command === 'scroll-down' ? 1 : -1, max });
      return;
    }
    switch (command) {
      case 'next-step':
        if (view.viewIndex < run.current)
          dispatch({ type: 'step-viewed', index: view.viewIndex + 1, engineIndex: run.current });
        else if (run.prompt === 'run') session.runStep();
        else if (run.prompt === 'quiz') session.answerQuiz(undefined);
        else if (run.prompt === 'challenge') session.challenge('skip');
        return;
      case 'previous-step':
        dispatch({ type: 'step-viewed', index: view.viewIndex - 1, engineIndex: run.current });
        return;
      case 'run-step':
        if (view.viewIndex !== run.current)
          dispatch({ type: 'step-viewed', index: run.current, engineIndex: run.current });
        if (run.prompt === 'run') session.runStep();
        return;
      case 'more-requests':
        void session.moreRequests(view.viewIndex);
        return;
      case 'answer-quiz':
        session.answerQuiz(Number(input) - 1);
        return;
      case 'edit-challenge': {
        const file = run.challenge?.workspaceFile;
        if (!file || run.prompt !== 'challenge') return;
        void suspendTerminal(() => tutor.deps.openEditor(file))
          .catch((error: unknown) => tutor.deps.log(`the editor failed on ${file}`, error))
          .then(() => session.challenge('check'));
        return;
      }
      case 'check-challenge':
        session.challenge('check');
        return;
      case 'next-hint':
        session.challenge('hint');
        return;
      case 'show-solution':
        session.challenge('solution');
        return;
      case 'focus-next-pane':
        dispatch({ type: 'pane-focused', direction: 1 });
        return;
      case 'focus-previous-pane':
        dispatch({ type: 'pane-focused', direction: -1 });
        return;
      case 'zoom-pane':
        dispatch({ type: 'zoom-toggled' });
        return;
      case 'scroll-up':
        scroll(-1);
        return;
      case 'scroll-down':
        scroll(1);
        return;
      case 'page-up':
        scroll(-page);
        return;
      case 'page-down':
        scroll(page);
        return;
      case 'scroll-top':
        scroll(-Number.MAX_SAFE_INTEGER);
        return;
      case 'scroll-bottom':
        scroll(Number.MAX_SAFE_INTEGER);
        return;
      case 'toggle-help':
      case 'close-help':
        dispatch({ type: 'help-toggled' });
        return;
      case 'quit':
        // A finished lesson in the sandbox has nothing left to decide.
        if (run.phase === 'finished' && !tutor.objectsOutliveTutor) void tutor.quit();
        else dispatch({ type: 'leave-asked' });
        return;
      case 'force-quit':
        void tutor.interrupt();
        return;
      case 'leave-keep':
        void tutor.quit({ cleanUp: false });
        return;
      case 'leave-clean-up':
        void tutor.quit({ cleanUp: true });
        return;
      case 'leave-confirm':
        // With objects that outlive the tutor, the learner says which: k or c.
        if (!tutor.objectsOutliveTutor) void tutor.quit({ cleanUp: false });
        return;
      case 'leave-cancel':
        dispatch({ type: 'overlay-closed' });
        return;
      default:
        return;
    }
  };
}

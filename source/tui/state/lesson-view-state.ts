/** How the learner looks at a lesson: which step, which pane, zoom, scroll, open dialogs. */

export type PaneId = 'lesson' | 'objects' | 'traffic' | 'path';
export type LivePaneId = Exclude<PaneId, 'lesson'>;
export const paneOrder: readonly PaneId[] = ['lesson', 'objects', 'traffic', 'path'];
export const paneTitles: Record<PaneId, string> = {
  lesson: 'Lesson',
  objects: 'Objects',
  traffic: 'Traffic',
  path: 'Path',
};

/** `auto`: the pane keeps its natural position (the viewed step; the newest traffic). */
export type ScrollPosition = number | 'auto';

export interface LessonViewState {
  /** The step being read. */
  viewIndex: number;
  /** True while the view moves along with the engine's current step. */
  followEngine: boolean;
  /** The engine's step as the view last heard of it. */
  engineIndex: number;
  focus: PaneId;
  /** The live pane shown under the lesson text when the screen is too narrow for all. */
  tab: LivePaneId;
  zoomed: boolean;
  scroll: Record<PaneId, ScrollPosition>;
  overlay: 'none' | 'help' | 'leave';
  /** The first line of the help shown. */
  helpOffset: number;
}

export type LessonViewAction =
  /**
   * The engine is at another step: `running` once it runs, else only waiting to be run;
   * `newSection` when that step opens a section other than the one being read.
   */
  | { type: 'engine-moved'; index: number; running: boolean; newSection: boolean }
  | { type: 'step-viewed'; index: number; engineIndex: number }
  | { type: 'pane-focused'; direction: 1 | -1 }
  | { type: 'zoom-toggled' }
  /** `from` is where the pane is now and `max` its last offset: the view knows its content. */
  | { type: 'scrolled'; by: number; from: number; max: number }
  | { type: 'help-toggled' }
  | { type: 'help-scrolled'; by: number; max: number }
  | { type: 'leave-asked' }
  | { type: 'overlay-closed' };

export const initialLessonView: LessonViewState = {
  viewIndex: 0,
  followEngine: true,
  engineIndex: -1,
  focus: 'lesson',
  tab: 'objects',
  zoomed: false,
  scroll: { lesson: 'auto', objects: 'auto', traffic: 'auto', path: 'auto' },
  overlay: 'none',
  helpOffset: 0,
};

function withScroll(state: LessonViewState, pane: PaneId, position: ScrollPosition) {
  return { ...state, scroll: { ...state.scroll, [pane]: position } };
}

export function lessonViewReducer(
  state: LessonViewState,
  action: LessonViewAction,
): LessonViewState {
  switch (action.type) {
    case 'engine-moved': {
      if (action.index < 0) return state;
      // The end of a section the learner just watched (a quiz's explanation, a challenge's
      // verdict) stays on screen until n, rather than vanishing as the next section waits.
      const watched = state.viewIndex === state.engineIndex;
      const stay = watched && action.newSection && !action.running;
      const next = { ...state, engineIndex: action.index };
      if (!state.followEngine || stay) return next;
      return withScroll({ ...next, viewIndex: action.index }, 'lesson', 'auto');
    }
    case 'step-viewed': {
      const index = Math.max(0, Math.min(action.index, Math.max(0, action.engineIndex)));
      return withScroll(
        { ...state, viewIndex: index, followEngine: index >= action.engineIndex },
        'lesson',
        'auto',
      );
    }
    case 'pane-focused': {
      const at = paneOrder.indexOf(state.focus);
      const focus = paneOrder[(at + action.direction + paneOrder.length) % paneOrder.length]!;
      return { ...state, focus, tab: focus === 'lesson' ? state.tab : focus };
    }
    case 'zoom-toggled':
      return { ...state, zoomed: !state.zoomed };
    case 'scrolled': {
      const to = Math.max(0, Math.min(action.max, action.from + action.by));
      return withScroll(state, state.focus, to);
    }
    case 'help-toggled':
      return { ...state, overlay: state.overlay === 'help' ? 'none' : 'help', helpOffset: 0 };
    case 'help-scrolled':
      return {
        ...state,
        helpOffset: Math.max(0, Math.min(action.max, state.helpOffset + action.by)),
      };
    case 'leave-asked':
      return { ...state, overlay: 'leave' };
    case 'overlay-closed':
      return { ...state, overlay: 'none' };
  }
}

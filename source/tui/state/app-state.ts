/** Which screen the tutor shows, and the long work between screens (for the spinner). */

export type AppScreen =
  | { name: 'start' }
  | { name: 'opening'; lessonId: string; label: string; since: number }
  | { name: 'lesson'; lessonId: string }
  | { name: 'leaving'; label: string; since: number }
  | { name: 'done' };

export interface AppState {
  screen: AppScreen;
}

export type AppAction =
  | { type: 'opening-started'; lessonId: string; label: string; at: number }
  | { type: 'opening-progressed'; label: string }
  | { type: 'lesson-opened'; lessonId: string }
  | { type: 'open-failed' }
  | { type: 'leaving-started'; label: string; at: number }
  | { type: 'left' };

export const initialApp: AppState = { screen: { name: 'start' } };

export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'opening-started':
      return {
        screen: {
          name: 'opening',
          lessonId: action.lessonId,
          label: action.label,
          since: action.at,
        },
      };
    case 'opening-progressed':
      return state.screen.name === 'opening'
        ? { screen: { ...state.screen, label: action.label } }
        : state;
    case 'lesson-opened':
      return { screen: { name: 'lesson', lessonId: action.lessonId } };
    case 'open-failed':
      return { screen: { name: 'start' } };
    case 'leaving-started':
      return { screen: { name: 'leaving', label: action.label, since: action.at } };
    case 'left':
      return { screen: { name: 'done' } };
  }
}

import { createContext, useContext } from 'react';
import type { TutorApp } from '../session/tutor-app.ts';

export const TutorContext = createContext<TutorApp | undefined>(undefined);

/** The tutor's state and commands. Only inside <TutorContext.Provider>: elsewhere it throws. */
export function useTutor(): TutorApp {
  const tutor = useContext(TutorContext);
  if (!tutor) throw new Error('useTutor() is used outside <TutorContext.Provider>');
  return tutor;
}

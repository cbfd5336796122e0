import { createContext, useContext } from 'react';
import type { Theme } from '../theme.ts';

export const ThemeContext = createContext<Theme | undefined>(undefined);

/** Colours and emphasis by meaning (NO_COLOR already applied). Throws outside its provider. */
export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (!theme) throw new Error('useTheme() is used outside <ThemeContext.Provider>');
  return theme;
}

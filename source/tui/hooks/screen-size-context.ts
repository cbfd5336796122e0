import { useWindowSize } from 'ink';
import { createContext, useContext } from 'react';

/** A fixed size for tests (the test terminal has no rows); undefined follows the terminal. */
export const ScreenSizeContext = createContext<{ columns: number; rows: number } | undefined>(
  undefined,
);

/** The terminal's size, re-rendering on resize. */
export function useScreenSize(): { columns: number; rows: number } {
  const windowSize = useWindowSize();
  return useContext(ScreenSizeContext) ?? windowSize;
}

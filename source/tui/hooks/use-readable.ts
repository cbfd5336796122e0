import { useSyncExternalStore } from 'react';
import type { Readable } from '../session/store.ts';

/** The current value of a plain-TypeScript store, re-rendering when it changes. */
export function useReadable<T>(store: Readable<T>): T {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}

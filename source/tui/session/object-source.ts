import type { ObjectEvent } from '../state/object-cache.ts';

/**
 * Where the Objects pane's objects come from: a list-then-watch of the lesson's namespace on a
 * real API (kube-object-watch.ts), or a fake in tests. Events arrive as fast as they come;
 * the source stops when the signal aborts.
 */
export interface ObjectSource {
  start(onEvent: (event: ObjectEvent) => void, signal: AbortSignal): void;
}

import type { ObjectCache, ObjectsSnapshot } from '../state/object-cache.ts';
import type { Readable } from './store.ts';

export interface BatchedSnapshotsOptions {
  /** How often changes reach the screen at most. */
  intervalMs?: number;
  /** How often the screen gets a fresh snapshot anyway (ages, fading highlights). */
  refreshMs?: number;
  now?: () => number;
}

/**
 * The Objects pane's view of the watch cache: a snapshot taken on a steady timer, only when
 * the cache changed (or once a second for the AGE column). A burst of a thousand watch events
 * between two ticks becomes one snapshot and one frame.
 */
export class BatchedSnapshots implements Readable<ObjectsSnapshot> {
  private snapshot: ObjectsSnapshot;
  private seenVersion = -1;
  private lastPublished = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly intervalMs: number;
  private readonly refreshMs: number;
  private readonly now: () => number;

  constructor(
    private readonly cache: ObjectCache,
    options: BatchedSnapshotsOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 100;
    this.refreshMs = options.refreshMs ?? 1_000;
    this.now = options.now ?? Date.now;
    this.snapshot = cache.snapshot(this.now());
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    // The timer alone must not keep the process alive.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Publishes a snapshot if the cache changed or the last one is getting old. */
  tick(): void {
    const now = this.now();
    const changed = this.cache.version !== this.seenVersion;
    // Unchanged: only ages move on, once a second, and only if there is anything to age.
    if (
      !changed &&
      (now - this.lastPublished < this.refreshMs || this.snapshot.objects.length === 0)
    )
      return;
    this.seenVersion = this.cache.version;
    this.lastPublished = now;
    this.snapshot = this.cache.snapshot(now);
    for (const listener of this.listeners) listener();
  }

  readonly getState = (): ObjectsSnapshot => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

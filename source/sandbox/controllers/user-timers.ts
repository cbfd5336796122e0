/**
 * Timers for durations a user declared (`minReadySeconds`, probe periods, progress
 * deadlines). Unlike `ctx.after` they are not scaled by the pace: a 5-second readiness period
 * means 5 seconds. Cleared together when the controller stops.
 */
export class UserTimers {
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Runs `fn` after `ms`; returns a function that cancels it. */
  set(ms: number, fn: () => void): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

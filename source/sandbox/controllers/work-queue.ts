/**
 * A de-duplicating queue of keys processed one at a time on a later macrotask, the way
 * client-go's workqueue coalesces bursts: ten events for one Service cause one sync.
 */
export class WorkQueue {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly sync: (key: string) => void,
    private readonly onError: (key: string, error: unknown) => void = () => {},
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.pending.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  stop(): void {
    this.stopped = true;
    this.pending.clear();
  }

  private drain(): void {
    this.scheduled = false;
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) {
      if (this.stopped) return;
      try {
        this.sync(key);
      } catch (error) {
        this.onError(key, error);
      }
    }
  }
}

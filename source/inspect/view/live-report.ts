import type { InspectReport } from '../inspect-report.ts';

export interface LiveReportSnapshot {
  report: InspectReport | undefined;
  /** The last refresh's failure, shown until one succeeds. */
  error: string | undefined;
  refreshing: boolean;
  refreshedAt: Date | undefined;
}

/**
 * Re-reads the report on a steady interval for the live view (still only list requests). A
 * refresh never overlaps the previous one; `stop()` ends the timer and ignores late results.
 */
export class LiveReport {
  private snapshot: LiveReportSnapshot = {
    report: undefined,
    error: undefined,
    refreshing: false,
    refreshedAt: undefined,
  };
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly load: () => Promise<InspectReport>,
    private readonly intervalMs = 5_000,
    initial?: InspectReport,
  ) {
    if (initial) this.snapshot = { ...this.snapshot, report: initial, refreshedAt: new Date() };
  }

  /** Loads now (or, with an initial report, after one interval), then after each load ends. */
  start(): void {
    if (this.snapshot.report) this.timer = setTimeout(() => void this.refresh(), this.intervalMs);
    else void this.refresh();
  }

  async refresh(): Promise<void> {
    if (this.stopped || this.snapshot.refreshing) return;
    clearTimeout(this.timer);
    this.update({ refreshing: true });
    try {
      const report = await this.load();
      if (this.stopped) return;
      this.update({ report, error: undefined, refreshing: false, refreshedAt: new Date() });
    } catch (error) {
      if (this.stopped) return;
      this.update({ error: (error as Error).message, refreshing: false });
    }
    this.timer = setTimeout(() => void this.refresh(), this.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveReportSnapshot => this.snapshot;

  private update(change: Partial<LiveReportSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}

/** Small timing helpers shared by the benchmarks: medians of repeated runs, printed as ratios. */

export async function timeOnce(fn: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function medianOf(
  runs: number,
  fn: () => Promise<unknown> | unknown,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeOnce(fn));
  return median(times);
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** One result line: the measurement, its baseline, and the ratio between them. */
export function report(name: string, value: number, baselineName: string, baseline: number): void {
  console.log(
    `${name.padEnd(44)} ${formatMs(value).padStart(10)}   vs ${baselineName} ${formatMs(baseline)}   ratio ${(value / baseline).toFixed(2)}x`,
  );
}

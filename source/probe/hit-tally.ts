import type { HitTally, ProbeResult } from './probe.ts';

/** Counts who answered: hits per named pod, responses naming none, failures by kind. */
export function tallyHits(results: readonly ProbeResult[]): HitTally {
  const pods = new Map<string, number>();
  const tally: HitTally = { total: results.length, pods: [], unnamed: 0, failures: {} };
  for (const result of results) {
    const { outcome } = result;
    if (outcome.kind !== 'response') {
      tally.failures[outcome.kind] = (tally.failures[outcome.kind] ?? 0) + 1;
    } else if (result.pod) {
      pods.set(result.pod, (pods.get(result.pod) ?? 0) + 1);
    } else {
      tally.unnamed++;
    }
  }
  tally.pods = [...pods]
    .map(([pod, hits]) => ({ pod, hits }))
    .sort((a, b) => a.pod.localeCompare(b.pod));
  return tally;
}

import { performance } from 'node:perf_hooks';
import { answeringPod } from './answering-pod.ts';
import { tallyHits } from './hit-tally.ts';
import type { ProbeOutcome, ProbeRequest, ProbeResult, ProbeRun } from './probe.ts';

/** One request of a probe: the command it stands for, what came back, and how long it took. */
export interface ProbeAttempt {
  command: string;
  outcome: ProbeOutcome;
  latencyMs: number;
}

/** Milliseconds since `started` (a `performance.now()` reading), to a tenth. */
export function millisecondsSince(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/**
 * Sends a probe's requests one after another (`request.count`, at least one, until aborted),
 * naming the pod that answered each response, and tallies the hits.
 */
export async function repeatProbe(
  request: ProbeRequest,
  attempt: () => Promise<ProbeAttempt>,
  onResult?: (result: ProbeResult) => void,
): Promise<ProbeRun> {
  const results: ProbeResult[] = [];
  const count = Math.max(1, request.count ?? 1);
  for (let index = 0; index < count && !request.signal?.aborted; index++) {
    const { command, outcome, latencyMs } = await attempt();
    const result: ProbeResult = { index, command, outcome, latencyMs };
    if (outcome.kind === 'response') {
      result.body = outcome.body;
      const pod = answeringPod(request.target.url, outcome.status, outcome.body);
      if (pod) result.pod = pod;
    }
    results.push(result);
    onResult?.(result);
  }
  return { results, tally: tallyHits(results) };
}

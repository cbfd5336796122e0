import { performance } from 'node:perf_hooks';
import { answeringPod } from './answering-pod.ts';
import { probingCurl } from './curl-command.ts';
import { type CurlRun, curlOutcome } from './curl-outcome.ts';
import { tallyHits } from './hit-tally.ts';
import type { ProbeOutcome, ProbeRequest, ProbeResult, ProbeRun } from './probe.ts';

/** Runs a curl command line somewhere: curl's run, or why the command could not run. */
export type CurlRunner = (argv: string[]) => Promise<CurlRun | { failed: string }>;

/**
 * Sends a probe's requests by running curl at the vantage point (in a pod, on a node), one
 * after another, and reads each outcome from curl's exit code and output.
 */
export async function sendWithCurl(
  request: ProbeRequest,
  runCurl: CurlRunner,
  command: string,
  onResult?: (result: ProbeResult) => void,
): Promise<ProbeRun> {
  const argv = probingCurl(request.target, request.timeoutMs);
  const results: ProbeResult[] = [];
  const count = Math.max(1, request.count ?? 1);
  for (let index = 0; index < count && !request.signal?.aborted; index++) {
    const started = performance.now();
    const run = await runCurl(argv);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const outcome: ProbeOutcome =
      'failed' in run ? { kind: 'error', detail: run.failed } : curlOutcome(run);
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

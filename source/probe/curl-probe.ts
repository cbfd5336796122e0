import { performance } from 'node:perf_hooks';
import { probingCurl } from './curl-command.ts';
import { type CurlRun, curlOutcome } from './curl-outcome.ts';
import type { ProbeOutcome, ProbeRequest, ProbeResult, ProbeRun } from './probe.ts';
import { millisecondsSince, repeatProbe } from './repeat-probe.ts';

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
  return repeatProbe(
    request,
    async () => {
      const started = performance.now();
      const run = await runCurl(argv);
      const latencyMs = millisecondsSince(started);
      const outcome: ProbeOutcome =
        'failed' in run ? { kind: 'error', detail: run.failed } : curlOutcome(run);
      return { command, outcome, latencyMs };
    },
    onResult,
  );
}

import type { ProbeExpectation, ProbeFailure } from '../lesson-format/lesson-types.ts';
import type { ProbeFailureKind, ProbeOutcome, ProbeRun } from '../probe/probe.ts';

/** The lesson format's failure names for the probe API's outcome kinds. */
const failureNames: Record<ProbeFailureKind, ProbeFailure> = {
  refused: 'refused',
  'timed-out': 'timedOut',
  'dns-failure': 'dnsFailure',
  'tls-error': 'tlsError',
  'unreachable-from-host': 'unreachable',
  error: 'error',
};

const failureWords: Record<ProbeFailure, string> = {
  refused: 'connection refused',
  timedOut: 'timed out',
  dnsFailure: 'name not resolved',
  tlsError: 'TLS error',
  unreachable: 'no route from your machine',
  error: 'error',
};

export interface ExpectationVerdict {
  /** `every response is 200`, `answered by at least 3 pods`. */
  check: string;
  passed: boolean;
  /** What was seen: `30 × 200`, `3 pods: echo-a, echo-b, echo-c`. */
  detail: string;
}

/** `200`, `refused`: one outcome in a word or two. */
export function outcomeWord(outcome: ProbeOutcome): string {
  if (outcome.kind === 'response') return String(outcome.status);
  return failureWords[failureNames[outcome.kind]];
}

/** `28 × 200, 2 × connection refused`, in order of first appearance. */
export function outcomeSummary(run: ProbeRun): string {
  const counts = new Map<string, number>();
  for (const result of run.results) {
    const word = outcomeWord(result.outcome);
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].map(([word, count]) => `${count} × ${word}`).join(', ') || 'no requests';
}

/** Judges a probe run against each expectation it was given, in a fixed order. */
export function judgeProbe(run: ProbeRun, expect: ProbeExpectation): ExpectationVerdict[] {
  const verdicts: ExpectationVerdict[] = [];
  const { results } = run;
  const summary = outcomeSummary(run);
  const all = (test: (outcome: ProbeOutcome) => boolean) =>
    results.length > 0 && results.every((result) => test(result.outcome));
  if (expect.status !== undefined) {
    verdicts.push({
      check: `every response is ${expect.status}`,
      passed: all((o) => o.kind === 'response' && o.status === expect.status),
      detail: summary,
    });
  }
  if (expect.bodyContains !== undefined) {
    const text = expect.bodyContains;
    const matching = results.filter(
      (r) => r.outcome.kind === 'response' && r.outcome.body.includes(text),
    ).length;
    verdicts.push({
      check: `every body contains "${text}"`,
      passed: results.length > 0 && matching === results.length,
      detail: `${matching}/${results.length} did`,
    });
  }
  if (expect.body !== undefined) {
    const text = expect.body;
    const matching = results.filter(
      (r) => r.outcome.kind === 'response' && r.outcome.body === text,
    ).length;
    verdicts.push({
      check: text === '' ? 'every body is empty' : `every body is exactly "${text}"`,
      passed: results.length > 0 && matching === results.length,
      detail: `${matching}/${results.length} ${matching === 1 ? 'was' : 'were'}`,
    });
  }
  if (expect.fails !== undefined) {
    const wanted = expect.fails;
    verdicts.push({
      check:
        wanted === 'any' ? 'every request fails' : `every request fails: ${failureWords[wanted]}`,
      passed: all(
        (o) => o.kind !== 'response' && (wanted === 'any' || failureNames[o.kind] === wanted),
      ),
      detail: summary,
    });
  }
  if (expect.pods !== undefined) {
    const pods = run.tally.pods.map((entry) => entry.pod);
    const seen =
      pods.length === 0
        ? 'no pod answered'
        : `${pods.length} ${pods.length === 1 ? 'pod' : 'pods'}: ${pods.join(', ')}`;
    if ('atLeast' in expect.pods) {
      const { atLeast } = expect.pods;
      verdicts.push({
        check: `answered by at least ${atLeast} ${atLeast === 1 ? 'pod' : 'different pods'}`,
        passed: pods.length >= atLeast,
        detail: seen,
      });
    } else {
      const { exactly } = expect.pods;
      verdicts.push({
        check:
          exactly === 0
            ? 'no pod answered'
            : exactly === 1
              ? 'every answer from the same pod'
              : `answered by exactly ${exactly} pods`,
        passed:
          pods.length === exactly &&
          (exactly === 0 ||
            results.every((r) => r.pod !== undefined || r.outcome.kind !== 'response')),
        detail: seen,
      });
    }
  }
  return verdicts;
}

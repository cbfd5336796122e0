import type { ProbeOutcome, ProbeResult } from '../../probe/probe.ts';

/** The failure kinds in a few words, as a learner would say them. */
const failureWords: Record<Exclude<ProbeOutcome['kind'], 'response'>, string> = {
  refused: 'connection refused',
  'timed-out': 'timed out',
  'dns-failure': 'name not resolved',
  'tls-error': 'TLS error',
  'unreachable-from-host': 'no route from your machine',
  error: 'error',
};

function headerValue(outcome: ProbeOutcome, name: string): string | undefined {
  if (outcome.kind !== 'response') return undefined;
  return outcome.headers.find(([header]) => header.toLowerCase() === name)?.[1];
}

/**
 * What came back, named as what it is: `200`, `connection refused`, `404 from envoy` (an
 * answer no pod gave — a proxy or an ingress controller's own reply).
 */
export function outcomeLabel(result: Pick<ProbeResult, 'outcome' | 'pod'>): string {
  const { outcome } = result;
  if (outcome.kind !== 'response') return failureWords[outcome.kind];
  if (result.pod || outcome.status < 400) return String(outcome.status);
  const server = headerValue(outcome, 'server');
  return `${outcome.status} from ${server ?? 'the proxy'}`;
}

/** True for answers a learner reads as trouble (a failure, or an error status). */
export function isFailure(result: Pick<ProbeResult, 'outcome'>): boolean {
  return result.outcome.kind !== 'response' || result.outcome.status >= 400;
}

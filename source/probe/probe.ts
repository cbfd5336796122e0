/**
 * One probe API for lessons, the TUI and the CLI: requests made from a vantage point — a pod,
 * a node, or your machine — and what came back, named as what it is.
 *
 *   const run = await probe.send({ from: { from: 'pod', pod: 'client', namespace: 'demo' },
 *                                  target: { url: 'http://echo/hostname' }, count: 30 });
 *   run.results[0].command   // kubectl exec -n demo client -- curl -s http://echo/hostname
 *   run.results[0].outcome   // { kind: 'response', status: 200, … } or { kind: 'refused', … }
 *   run.tally.pods           // [{ pod: 'echo-5d9…-abcde', hits: 11 }, …]
 *
 * Implementations: the sandbox's (source/probe/sandbox/), and later kind's and a context's.
 */

/** Where a request starts. */
export type VantagePoint =
  | { from: 'pod'; namespace: string; pod: string; container?: string }
  | { from: 'node'; node: string }
  | { from: 'host' };

export interface ProbeTarget {
  /** `http://echo/hostname`, `https://172.18.0.100/`, `http://172.18.0.3:30080/clientip` */
  url: string;
  method?: string;
  /** Extra request headers, in order. */
  headers?: Record<string, string>;
  /** Sent as the Host header instead of the URL's host (Ingress and Gateway routing). */
  hostHeader?: string;
  /**
   * Connect to this address while keeping the URL's host for the Host header and TLS SNI —
   * curl's `--resolve host:port:address`.
   */
  resolveTo?: string;
  /** Accept any TLS certificate (`curl -k`). */
  insecure?: boolean;
}

export interface ProbeRequest {
  from: VantagePoint;
  target: ProbeTarget;
  /** How many requests to send, one after another (default 1). */
  count?: number;
  /** The most one request may take, connection included (default 3000 ms). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** What a request met. A failure is named as what it is, with the tool's own words in `detail`. */
export type ProbeOutcome =
  | {
      kind: 'response';
      status: number;
      /** Header lines as received, names as the server spelled them. */
      headers: [name: string, value: string][];
      body: string;
    }
  | { kind: 'refused'; detail: string }
  | { kind: 'timed-out'; detail: string }
  | { kind: 'dns-failure'; detail: string }
  | { kind: 'tls-error'; detail: string }
  /** The address exists only inside the cluster: this machine has no route to it. */
  | { kind: 'unreachable-from-host'; detail: string }
  /** Anything else: an empty reply, a reset, a command that could not run. */
  | { kind: 'error'; detail: string };

export type ProbeFailureKind = Exclude<ProbeOutcome['kind'], 'response'>;

export interface ProbeResult {
  /** 0-based position in its run. */
  index: number;
  /** The equivalent shell command, to copy and run by hand. */
  command: string;
  outcome: ProbeOutcome;
  /** The response body, when there was a response. */
  body?: string;
  /** The pod that answered, when the reply names it (agnhost's /hostname). */
  pod?: string;
  latencyMs: number;
}

export interface HitTally {
  total: number;
  /** Requests answered by a named pod, per pod, by pod name. */
  pods: { pod: string; hits: number }[];
  /** Responses that did not name a pod (another path, an ingress controller's 404). */
  unnamed: number;
  failures: Partial<Record<ProbeFailureKind, number>>;
}

export interface ProbeRun {
  results: ProbeResult[];
  tally: HitTally;
}

export interface Probe {
  /**
   * Sends `count` requests from the vantage point, one after another, calling `onResult` as
   * each completes. Resolves with every result and the per-pod tally.
   */
  send(request: ProbeRequest, onResult?: (result: ProbeResult) => void): Promise<ProbeRun>;
}

export const defaultProbeTimeoutMs = 3_000;

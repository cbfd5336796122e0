/**
 * How kube-proxy (iptables mode) picks the endpoint of a new connection, as pure functions.
 *
 *   usableEndpoints(all, node?) → the endpoints a policy may use: ready ones (on `node` only,
 *       for a Local policy); when there are none, the terminating ones still serving — kube-proxy's
 *       fallback that lets a rollout's last pods drain (pkg/proxy/topology.go).
 *   chooseEndpoint(candidates, random) → one endpoint, walking the probability chain iptables
 *       rules form: rule i of n matches with probability 1/(n−i), so each is equally likely.
 *   chooseWithAffinity(...) → the same, but a client IP sticks to the endpoint it last used
 *       while that is still a candidate and within the timeout (the `recent` match, which every
 *       new connection refreshes).
 */

export interface ServiceEndpoint {
  ip: string;
  port: number;
  nodeName?: string;
  /** The pod behind it, when the slice names one. */
  podName?: string;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
}

export function usableEndpoints(all: readonly ServiceEndpoint[], node?: string): ServiceEndpoint[] {
  const inScope = node === undefined ? all : all.filter((e) => e.nodeName === node);
  const ready = inScope.filter((e) => e.ready);
  if (ready.length > 0) return ready;
  return inScope.filter((e) => e.serving && e.terminating);
}

/** The probability chain of KUBE-SVC-… rules. `random()` is in [0, 1). */
export function chooseEndpoint<T>(candidates: readonly T[], random: () => number): T {
  if (candidates.length === 0) throw new Error('chooseEndpoint: no candidates');
  const n = candidates.length;
  for (let i = 0; i < n - 1; i++) {
    if (random() < 1 / (n - i)) return candidates[i]!;
  }
  return candidates[n - 1]!;
}

export interface AffinityEntry {
  ip: string;
  port: number;
  /** When the client last connected through it, ms since the epoch. */
  lastUsed: number;
}

/** The default `sessionAffinityConfig.clientIP.timeoutSeconds`: three hours. */
export const defaultAffinityTimeoutSeconds = 10_800;

/**
 * An endpoint for a client with session affinity: the remembered one while it is still a
 * candidate and was used less than `timeoutSeconds` ago, else a fresh choice. Returns the
 * endpoint and the entry to remember.
 */
export function chooseWithAffinity(
  candidates: readonly ServiceEndpoint[],
  remembered: AffinityEntry | undefined,
  now: number,
  timeoutSeconds: number,
  random: () => number,
): { endpoint: ServiceEndpoint; entry: AffinityEntry } {
  const fresh = remembered && now - remembered.lastUsed < timeoutSeconds * 1000;
  const sticky = fresh
    ? candidates.find((e) => e.ip === remembered.ip && e.port === remembered.port)
    : undefined;
  const endpoint = sticky ?? chooseEndpoint(candidates, random);
  return { endpoint, entry: { ip: endpoint.ip, port: endpoint.port, lastUsed: now } };
}

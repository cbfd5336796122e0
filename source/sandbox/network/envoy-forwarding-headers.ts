import type { HeaderMutation } from './envoy-route-table.ts';

/**
 * The request headers a gateway's Envoy sends upstream, as its HTTP connection manager does
 * with cloud-provider-kind's settings (`use_remote_address: true`, no trusted hops): the
 * client appended to `x-forwarded-for`, `x-forwarded-proto` set from the listener,
 * `x-request-id` generated, `x-envoy-expected-rq-timeout-ms` from the route timeout, and
 * `x-envoy-internal: true` for a client on a private network (external clients instead lose
 * any `x-envoy-*` they sent and get `x-envoy-external-address`). Then the route's
 * RequestHeaderModifier: removals first, then sets and adds.
 */

export type OutgoingHeaders = Record<string, string | string[]>;

export interface ForwardingFacts {
  /** The downstream peer's address. */
  clientIp: string;
  scheme: 'http' | 'https';
  /** The route timeout Envoy announces; 15 s unless the route sets one. */
  timeoutMs: number;
  newRequestId(): string;
}

/** Hop-by-hop headers Envoy does not forward. */
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
]);

/** `rawHeaders` as node gives them: name, value, name, value, … */
export function forwardedRequestHeaders(
  rawHeaders: readonly string[],
  facts: ForwardingFacts,
  mutation: HeaderMutation,
): OutgoingHeaders {
  const headers: OutgoingHeaders = {};
  const connectionTokens = new Set<string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (name === 'connection') {
      for (const token of rawHeaders[i + 1]!.split(',')) {
        connectionTokens.add(token.trim().toLowerCase());
      }
    }
  }
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (hopByHop.has(name) || connectionTokens.has(name)) continue;
    append(headers, name, rawHeaders[i + 1]!);
  }

  const internal = isInternalAddress(facts.clientIp);
  if (!internal) {
    for (const name of Object.keys(headers)) if (name.startsWith('x-envoy-')) delete headers[name];
  }
  delete headers['x-forwarded-client-cert'];
  const forwardedFor = single(headers['x-forwarded-for']);
  headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor},${facts.clientIp}` : facts.clientIp;
  headers['x-forwarded-proto'] = facts.scheme;
  if (internal) headers['x-envoy-internal'] = 'true';
  else headers['x-envoy-external-address'] = facts.clientIp;
  if (!internal || !headers['x-request-id']) headers['x-request-id'] = facts.newRequestId();
  headers['x-envoy-expected-rq-timeout-ms'] = String(facts.timeoutMs);

  for (const name of mutation.remove) delete headers[name.toLowerCase()];
  for (const { name, value } of mutation.set) headers[name.toLowerCase()] = value;
  for (const { name, value } of mutation.add) append(headers, name.toLowerCase(), value);
  return headers;
}

function append(headers: OutgoingHeaders, name: string, value: string): void {
  const existing = headers[name];
  if (existing === undefined) headers[name] = value;
  else headers[name] = [...(Array.isArray(existing) ? existing : [existing]), value];
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Envoy's default notion of an internal client: RFC 1918 private networks and loopback. The
 * kind network (172.18.0.0/16) and so every client in the sandbox is internal.
 */
export function isInternalAddress(ip: string): boolean {
  const octets = ip.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet))) return false;
  const [a, b] = octets as [number, number, number, number];
  return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** Response headers from upstream minus hop-by-hop ones, names lower-cased as Envoy writes. */
export function forwardedResponseHeaders(rawHeaders: readonly string[]): OutgoingHeaders {
  const headers: OutgoingHeaders = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    if (hopByHop.has(name)) continue;
    append(headers, name, rawHeaders[i + 1]!);
  }
  return headers;
}

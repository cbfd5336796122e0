import type { ServerResponse } from 'node:http';

/**
 * Responses Envoy (v1.33, the image cloud-provider-kind runs) writes itself, worded as it words
 * them. In real life people tell them from a pod's answer by `server: envoy` without
 * `x-envoy-upstream-service-time`, which Envoy adds only to responses that came from upstream.
 */

export interface LocalReply {
  status: number;
  body: string;
}

const resetBefore = 'upstream connect error or disconnect/reset before headers. reset reason:';

export const localReplies = {
  /** No virtual host or no route matched. */
  noRoute: { status: 404, body: '' },
  /** A route's direct response, e.g. 500 for invalid backendRefs. */
  direct: (status: number): LocalReply => ({ status, body: '' }),
  /** The route names a cluster Envoy does not have. */
  clusterNotFound: { status: 503, body: '' },
  /** The cluster has no hosts (a headless Service without ready endpoints). */
  noHealthyUpstream: { status: 503, body: 'no healthy upstream' },
  connectionRefused: {
    status: 503,
    body: `${resetBefore} remote connection failure, transport failure reason: delayed connect error: Connection refused`,
  },
  connectTimeout: { status: 503, body: `${resetBefore} connection timeout` },
  /** The upstream closed the connection before sending response headers. */
  connectionTermination: { status: 503, body: `${resetBefore} connection termination` },
  /** No response headers within the route timeout (15 s by default). */
  upstreamTimeout: { status: 504, body: 'upstream request timeout' },
} as const;

/** Writes a local reply with the headers Envoy gives one. */
export function sendLocalReply(
  response: ServerResponse,
  reply: LocalReply,
  extraHeaders: Record<string, string> = {},
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  prepareEnvoyResponse(response);
  const headers: Record<string, string> = { ...extraHeaders };
  if (reply.body) {
    headers['content-length'] = String(Buffer.byteLength(reply.body));
    headers['content-type'] = 'text/plain';
  }
  headers.date = new Date().toUTCString();
  headers.server = 'envoy';
  if (!reply.body) headers['content-length'] = '0';
  response.writeHead(reply.status, headers);
  response.end(reply.body);
}

/**
 * Envoy writes lower-case headers and no `Connection`/`Keep-Alive` on HTTP/1.1 responses; node
 * would add its own `Date` and `Connection` unless told not to.
 */
export function prepareEnvoyResponse(response: ServerResponse): void {
  response.sendDate = false;
  response.removeHeader('connection');
}

type HeaderBag =
  | Headers
  | Record<string, string | string[] | number | undefined>
  | ReadonlyMap<string, string>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (headers instanceof Map) {
    for (const [key, value] of headers) if (key.toLowerCase() === name) return value;
    return undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    return Array.isArray(value) ? value.join(', ') : String(value);
  }
  return undefined;
}

/**
 * Did the ingress or gateway proxy answer this itself (a 404 for no route, a 503 for no
 * upstream), rather than a pod behind it?
 */
export function answeredByController(response: { headers: HeaderBag }): boolean {
  return (
    header(response.headers, 'server') === 'envoy' &&
    header(response.headers, 'x-envoy-upstream-service-time') === undefined
  );
}

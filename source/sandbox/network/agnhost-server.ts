import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Flow } from './proxy-protocol.ts';

/**
 * agnhost `netexec`'s HTTP server, answering as whichever pod a connection reached. ONE
 * `http.Server` that never listens serves every pod: the pod owner hands it each accepted
 * fabric socket with `serve(socket, flow, pod)`, and the handler finds the pod and the
 * virtual client of a request through its socket. Replies match agnhost's (netexec.go):
 *
 *   /               NOW: <Go time.Now()>
 *   /hostname       the pod's hostname (its name, or spec.hostname)   (also /hostName)
 *   /clientip       ip:port of the client as the pod sees it (after any SNAT)
 *   /echo?msg=&code= the message, with that status
 *   /header?key=    one request header, or all of them as JSON
 *   /healthz        200, empty
 *   /readyz         "ok"; 503 "shutting down" once the pod is terminating (SIGTERM seen)
 *   /redirect?location=&code=  a redirect (302 by default)
 *
 * Go's ServeMux sends every other path to `/`. The endpoints that act on the container
 * (/dial, /shell, /upload, /exit, /shutdown) are not simulated: they answer 501 and say so.
 * `onRequest` reports every answered request, for hit tallies.
 */

/** The pod a connection reached, as its server knows itself. */
export interface ServedPod {
  namespace: string;
  name: string;
  /** What `hostname` prints in the container. */
  hostname: string;
  /** When the container started (ms since the epoch), for Go's monotonic clock reading. */
  startedAt: number;
  /** True once the pod is being deleted: agnhost has seen SIGTERM. */
  terminating(): boolean;
}

export interface ServedRequest {
  pod: { namespace: string; name: string };
  flow: Flow;
  method: string;
  path: string;
  status: number;
}

type RequestListener = (request: ServedRequest) => void;

const notSimulated = new Set(['/dial', '/shell', '/upload', '/exit', '/shutdown']);

export class AgnhostServer {
  private readonly server = createServer((request, response) => this.answer(request, response));
  private readonly connections = new WeakMap<Socket, { flow: Flow; pod: ServedPod }>();
  private readonly listeners = new Set<RequestListener>();

  constructor() {
    // Go's server never times a request out by default; nor does this one.
    this.server.requestTimeout = 0;
    this.server.headersTimeout = 0;
  }

  /** Serves an accepted connection as `pod`, which sees the client as `flow.source`. */
  serve(socket: Socket, flow: Flow, pod: ServedPod): void {
    this.connections.set(socket, { flow, pod });
    this.server.emit('connection', socket);
  }

  /** Calls `listener` after each answered request; returns the unsubscribe function. */
  onRequest(listener: RequestListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const connection = this.connections.get(request.socket as Socket);
    if (!connection) {
      response.destroy();
      return;
    }
    const { flow, pod } = connection;
    const url = new URL(request.url ?? '/', 'http://pod');
    const query = url.searchParams;
    const reply = (status: number, body: string, headers: Record<string, string> = {}) => {
      respond(response, status, body, headers);
      const served = { namespace: pod.namespace, name: pod.name };
      const event = {
        pod: served,
        flow,
        method: request.method ?? 'GET',
        path: url.pathname,
        status,
      };
      for (const listener of this.listeners) listener(event);
    };

    switch (url.pathname) {
      case '/hostname':
      case '/hostName':
        return reply(200, pod.hostname);
      case '/clientip':
        return reply(200, `${flow.source.ip}:${flow.source.port}`);
      case '/echo':
        return this.echo(response, query, reply);
      case '/header':
        return reply(200, headerReply(request, query.get('key')));
      case '/healthz':
        return reply(200, '');
      case '/readyz':
        return pod.terminating() ? reply(503, 'shutting down') : reply(200, 'ok');
      case '/redirect':
        return this.redirect(request, query, reply);
      default:
        if (notSimulated.has(url.pathname)) {
          return reply(501, `agnhost netexec's ${url.pathname} is not simulated by the sandbox\n`);
        }
        return reply(200, `NOW: ${goNow(pod.startedAt, Date.now(), subMillisecondNanos())}`);
    }
  }

  private echo(
    response: ServerResponse,
    query: URLSearchParams,
    reply: (status: number, body: string) => void,
  ): void {
    const message = query.get('msg') ?? '';
    const code = query.get('code') ?? '';
    if (code === '') return reply(200, message);
    if (!/^[+-]?\d+$/.test(code)) {
      return reply(200, `argument 'code' must be an integer or empty, got ${goQuote(code)}\n`);
    }
    const status = Number(code);
    // Go's WriteHeader panics on a code outside 100–999; the server drops the connection.
    if (status < 100 || status > 999) {
      response.destroy();
      return;
    }
    reply(Math.max(status, 200), message);
  }

  private redirect(
    request: IncomingMessage,
    query: URLSearchParams,
    reply: (status: number, body: string, headers?: Record<string, string>) => void,
  ): void {
    const location = query.get('location') ?? '';
    const code = query.get('code') ?? '';
    if (code !== '' && !/^[+-]?\d+$/.test(code)) {
      return reply(200, `argument 'code' must be an integer or empty, got ${goQuote(code)}\n`);
    }
    const status = code === '' ? 302 : Number(code);
    const method = request.method ?? 'GET';
    // http.Redirect writes a short HTML body for GET and HEAD only.
    const body =
      method === 'GET' || method === 'HEAD'
        ? `<a href="${htmlEscape(location)}">${STATUS_CODES[status] ?? ''}</a>.\n\n`
        : '';
    reply(status, body, {
      Location: location,
      ...(body ? { 'Content-Type': 'text/html; charset=utf-8' } : {}),
    });
  }
}

/**
 * Writes a reply with Go's headers in Go's order: the handler's own headers sorted by name,
 * then the server's: Date, Content-Length, Content-Type (sniffed when the handler set none),
 * and `Connection: close` when the client asked to close.
 */
function respond(
  response: ServerResponse,
  status: number,
  body: string,
  handlerHeaders: Record<string, string>,
): void {
  const bytes = Buffer.from(body);
  response.statusCode = status;
  // Go names codes it has no text for "status code N".
  if (!STATUS_CODES[status]) response.statusMessage = `status code ${status}`;
  for (const name of Object.keys(handlerHeaders).sort()) {
    response.setHeader(name, handlerHeaders[name]!);
  }
  response.setHeader('Date', new Date().toUTCString());
  response.setHeader('Content-Length', bytes.length);
  if (bytes.length > 0 && handlerHeaders['Content-Type'] === undefined) {
    response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  }
  // Go sends no Connection header on a kept-alive HTTP/1.1 connection.
  if (response.shouldKeepAlive) response.removeHeader('Connection');
  response.end(bytes);
}

/** `/header?key=K`: Go's `Header.Get`; without a key, the header map as Go marshals it. */
function headerReply(request: IncomingMessage, key: string | null): string {
  const header = new Map<string, string[]>();
  const raw = request.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = canonicalHeaderKey(raw[i]!);
    // Go keeps Host out of the header map (it becomes Request.Host).
    if (name === 'Host') continue;
    header.set(name, [...(header.get(name) ?? []), raw[i + 1]!]);
  }
  if (key) return header.get(canonicalHeaderKey(key))?.[0] ?? '';
  const sorted = Object.fromEntries([...header.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  return goJson(sorted);
}

/** net/textproto.CanonicalMIMEHeaderKey: `x-forwarded-for` → `X-Forwarded-For`. */
export function canonicalHeaderKey(key: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key)) return key;
  return key
    .toLowerCase()
    .replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

/** encoding/json escapes HTML characters and line separators. */
function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function subMillisecondNanos(): number {
  return Number(process.hrtime.bigint() % 1_000_000n);
}

/** Go's %q for plain strings. */
function goQuote(value: string): string {
  return JSON.stringify(value);
}

function htmlEscape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&#34;')
    .replace(/'/g, '&#39;');
}

/**
 * `time.Now()` printed with %v in a UTC container: nanoseconds without trailing zeros, then
 * the monotonic clock reading since the process started, e.g.
 * `2026-11-26 14:20:01.123456789 +0000 UTC m=+12.345678901`.
 */
export function goNow(startedAt: number, now = Date.now(), subMillisecondNanos = 0): string {
  const iso = new Date(now).toISOString(); // 2026-11-26T14:20:01.123Z
  const nanos = (now % 1000) * 1_000_000 + subMillisecondNanos;
  const fraction = nanos === 0 ? '' : `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}`;
  const elapsed = Math.max(0, now - startedAt);
  const elapsedNanos = (elapsed % 1000) * 1_000_000 + subMillisecondNanos;
  const monotonic = `${Math.floor(elapsed / 1000)}.${String(elapsedNanos).padStart(9, '0')}`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction} +0000 UTC m=+${monotonic}`;
}

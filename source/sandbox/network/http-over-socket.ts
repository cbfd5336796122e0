import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

/**
 * One HTTP/1.1 request over a socket that is already connected (a socket the fabric dialled),
 * read to the end of its reply. The socket is closed afterwards (`Connection: close`).
 *
 *   httpRequestOver(socket, { path: '/hostname', host: '10.96.12.5' })
 *     → { status, statusText, headers, rawHeaders, body }
 * Rejects when the peer resets or closes before a full reply, or after `timeoutMs` without one.
 */

export interface HttpRequestOptions {
  method?: string;
  path: string;
  /** The Host header, e.g. `10.96.12.5:80` or `echo.default.svc.cluster.local`. */
  host: string;
  /** Extra headers, sent in this order after Host. */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface HttpReply {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  /** Names and values as sent, alternating, in order. */
  rawHeaders: string[];
  body: string;
}

export class HttpTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no complete reply within ${timeoutMs} ms`);
  }
}

export function httpRequestOver(socket: Socket, options: HttpRequestOptions): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 5_000;
    const request = httpRequest({
      // With createConnection and no agent, the request uses this socket alone.
      createConnection: () => socket,
      setHost: false,
      method: options.method ?? 'GET',
      path: options.path,
      headers: [['Host', options.host], ...Object.entries(options.headers ?? {})].flat(),
    });
    const timer = setTimeout(() => {
      request.destroy(new HttpTimeoutError(timeoutMs));
    }, timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    request.once('error', fail);
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', fail);
      response.once('end', () => {
        clearTimeout(timer);
        socket.destroy();
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          headers: response.headers,
          rawHeaders: response.rawHeaders,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.end();
  });
}

import { timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { ShellMachine } from '../../pod-shell/shell-machine.ts';
import type { ObjectStore } from '../../store/object-store.ts';
import type { AuditLog } from '../audit-log.ts';
import { sendError } from '../http-io.ts';
import type { KubeObject } from '../kube-object.ts';
import { parseResourcePath, type ResourceRoute } from '../route.ts';
import { ApiError, badRequest, notFound, pathNotFound, unauthorized } from '../status.ts';
import { chooseProtocol, tokenFromProtocols } from './channel-protocol.ts';
import { containerIsRunning, execOptionsFor } from './exec-options.ts';
import { type ExecTarget, runExecSession } from './exec-session.ts';
import { containerNotFoundStatus } from './exec-status.ts';

export interface ExecEndpointOptions {
  token: string;
  store: ObjectStore;
  audit: AuditLog;
  /** The machine a command runs on: the pod's container. */
  machineFor(pod: Readonly<KubeObject>, container: string): ShellMachine;
}

/** Browsers' WebSocket offers no headers, so a token may also come as a subprotocol. */
function offeredProtocols(request: IncomingMessage): string[] {
  return (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter(Boolean);
}

function bearerToken(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return header.slice(7);
  return tokenFromProtocols(offeredProtocols(request));
}

/** An HTTP error answered on the raw socket of a request that asked to upgrade. */
function refuseUpgrade(socket: Duplex, error: ApiError): void {
  const body = JSON.stringify(error.toStatus());
  socket.end(
    `HTTP/1.1 ${error.code} ${STATUS_CODES[error.code] ?? ''}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-cache, private\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
}

/**
 * `pods/exec` over WebSocket, attached to the API server's `upgrade` event. kubectl (1.30 and
 * later) and client-node's `Exec` open `GET /api/v1/namespaces/NS/pods/NAME/exec?command=…`
 * with the `v5.channel.k8s.io`/`v4.channel.k8s.io` subprotocols; the command then runs in the
 * sandbox's pod shell as that pod's container. Problems the API server finds before reaching
 * the kubelet (no such pod, a wrong container, an unscheduled pod) are HTTP errors; problems
 * the kubelet finds (the container is not running) arrive as the final status, as they do
 * through kube-apiserver's WebSocket translator.
 */
export class ExecEndpoint {
  private readonly webSockets = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => chooseProtocol(offered) ?? false,
  });

  constructor(private readonly options: ExecEndpointOptions) {}

  /** The `upgrade` listener. */
  readonly handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://sandbox');
    let code = 101;
    const audit = () =>
      this.options.audit.record({
        verb: request.method === 'POST' ? 'create' : 'get',
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.search.slice(1),
        userAgent: request.headers['user-agent'] ?? '',
        code,
      });
    try {
      const target = this.admit(request, url);
      this.webSockets.handleUpgrade(request, socket, head, (webSocket) => {
        audit();
        void runExecSession(webSocket, chooseProtocol(offeredProtocols(request))!, target);
      });
    } catch (error) {
      const failure =
        error instanceof ApiError
          ? error
          : new ApiError(
              500,
              'InternalError',
              `Internal error occurred: ${(error as Error).message}`,
            );
      code = failure.code;
      audit();
      refuseUpgrade(socket, failure);
    }
  };

  /** Closes every exec session still open. */
  close(): void {
    for (const client of this.webSockets.clients) client.terminate();
    this.webSockets.close();
  }

  private authorized(request: IncomingMessage): boolean {
    const sent = Buffer.from(bearerToken(request) ?? '');
    const expected = Buffer.from(this.options.token);
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  }

  /** Everything decided before the upgrade; throws the ApiError to answer instead. */
  private admit(request: IncomingMessage, url: URL): ExecTarget {
    if (!this.authorized(request)) throw unauthorized();
    const parsed = parseResourcePath(url.pathname);
    if (
      parsed.type !== 'resource' ||
      parsed.route.def.id !== '/pods' ||
      parsed.route.subresource !== 'exec' ||
      !parsed.route.namespace ||
      !parsed.route.name
    )
      throw pathNotFound();
    const { namespace, name } = parsed.route;
    const pod = this.options.store.peek('/pods', namespace, name);
    if (!pod) throw notFound('', 'pods', name);
    const options = execOptionsFor(pod, url.searchParams);
    const upgrade = String(request.headers.upgrade ?? '').toLowerCase();
    if (upgrade !== 'websocket') {
      throw badRequest(
        'the sandbox serves exec over WebSocket only (v5.channel.k8s.io, v4.channel.k8s.io): use kubectl 1.30 or newer',
      );
    }
    if (request.method !== 'GET') throw badRequest('a WebSocket upgrade must be a GET request');
    if (!chooseProtocol(offeredProtocols(request))) {
      throw badRequest(
        `requested protocol(s) are not supported: [${offeredProtocols(request).join(' ')}]; supports [v5.channel.k8s.io v4.channel.k8s.io channel.k8s.io]`,
      );
    }
    if (!containerIsRunning(pod, options.container))
      return { type: 'fail', status: containerNotFoundStatus(options.container) };
    return { type: 'run', machine: this.options.machineFor(pod, options.container), options };
  }
}

/**
 * The API server's handler for subresources it does not serve itself: a plain (not upgraded)
 * request for pods/exec, which the kubelet answers by insisting on an upgrade.
 */
export async function answerPlainExec(
  route: ResourceRoute,
  _request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  if (route.def.id !== '/pods' || route.subresource !== 'exec') return false;
  sendError(response, badRequest('Upgrade request required'));
  return true;
}

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { openApiDocument } from '../schema/openapi.ts';
import type { AuditLog } from './audit-log.ts';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  coreApiVersions,
  versionInfo,
} from './discovery.ts';
import { forbiddenError } from './forbidden-resources.ts';
import { sendError, sendJson, sendText } from './http-io.ts';
import {
  type HandlerContext,
  handleResource,
  rethrowAsApiError,
  verbOf,
} from './resource-handler.ts';
import { parseResourcePath } from './route.ts';
import type { ServingCertificate } from './serving-certificate.ts';
import { ApiError, pathNotFound, unauthorized } from './status.ts';

export interface ApiServerOptions extends HandlerContext {
  token: string;
  audit: AuditLog;
  certificate: ServingCertificate;
  /** Resource plurals (`ingresses`) every request is refused with 403, as RBAC would. */
  forbid?: readonly string[];
}

/** Serves the Kubernetes REST API over TLS on loopback, behind a bearer token. */
export class ApiServer {
  private readonly server: Server;

  constructor(private readonly options: ApiServerOptions) {
    this.server = createServer(
      { cert: options.certificate.certPem, key: options.certificate.keyPem },
      (request, response) => {
        this.handle(request, response).catch((error: unknown) => {
          if (!response.headersSent) sendError(response, rethrowAsApiError(error));
          else response.end();
        });
      },
    );
    // Watches stay open for a long time; idle keep-alive sockets must not hold `close()` up.
    this.server.keepAliveTimeout = 5_000;
  }

  /** The raw HTTP server, for upgrade handlers (exec) that attach to it. */
  get httpServer(): Server {
    return this.server;
  }

  listen(port: number, host = '127.0.0.1'): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen({ port, host, exclusive: true }, () => {
        this.server.off('error', onError);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  async close(): Promise<void> {
    this.options.watches.closeAll();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  isAuthorized(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    const sent = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
    const expected = Buffer.from(this.options.token);
    return sent.length === expected.length && timingSafeEqual(sent, expected);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    let verb = 'get';
    response.on('finish', () => {
      this.options.audit.record({
        verb,
        method: request.method ?? 'GET',
        path: url.pathname,
        query: url.search.slice(1),
        userAgent: request.headers['user-agent'] ?? '',
        code: response.statusCode,
      });
    });
    if (!this.isAuthorized(request)) return sendError(response, unauthorized());
    try {
      const parsed = parseResourcePath(url.pathname);
      if (parsed.type === 'resource') {
        verb = verbOf(request.method ?? 'GET', parsed.route, url.searchParams);
        if (this.options.forbid?.includes(parsed.route.def.plural))
          throw forbiddenError(verb, parsed.route);
        return await handleResource(
          this.options,
          parsed.route,
          request,
          response,
          url.searchParams,
        );
      }
      if (parsed.type === 'unknown-resource') throw pathNotFound();
      return this.handleNonResource(url, request, response);
    } catch (error) {
      sendError(response, rethrowAsApiError(error));
    }
  }

  private handleNonResource(url: URL, request: IncomingMessage, response: ServerResponse): void {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (request.method !== 'GET' && request.method !== 'HEAD')
      throw new ApiError(
        405,
        'MethodNotAllowed',
        'the server does not allow this method on the requested resource',
      );
    if (path === '/healthz' || path === '/livez' || path === '/readyz')
      return sendText(response, 200, 'ok');
    if (path === '/version') return sendJson(response, 200, versionInfo());
    if (path === '/api')
      return sendJson(response, 200, coreApiVersions(request.headers.host ?? '127.0.0.1'));
    if (path === '/apis') return sendJson(response, 200, apiGroupList());
    if (path.startsWith('/openapi/')) {
      const document = openApiDocument(path, url.searchParams, request.headers.accept ?? '');
      if (!document) throw pathNotFound();
      response.writeHead(200, {
        ...document.headers,
        'Content-Type': document.contentType,
        'Content-Length': String(Buffer.byteLength(document.body)),
      });
      return void response.end(document.body);
    }
    const parts = path.split('/').filter(Boolean);
    if (parts[0] === 'api' && parts.length === 2) {
      const list = apiResourceList('', parts[1]!);
      if (list) return sendJson(response, 200, list);
    }
    if (parts[0] === 'apis' && parts.length === 2) {
      const group = apiGroup(parts[1]!);
      if (group) return sendJson(response, 200, group);
    }
    if (parts[0] === 'apis' && parts.length === 3) {
      const list = apiResourceList(parts[1]!, parts[2]!);
      if (list) return sendJson(response, 200, list);
    }
    throw pathNotFound();
  }
}

import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { createSecureContext, TLSSocket } from 'node:tls';
import { forwardedRequestHeaders, forwardedResponseHeaders } from './envoy-forwarding-headers.ts';
import {
  type LocalReply,
  localReplies,
  prepareEnvoyResponse,
  sendLocalReply,
} from './envoy-local-replies.ts';
import {
  findRoute,
  type ProxyRoute,
  pickWeighted,
  type WeightedCluster,
} from './envoy-route-table.ts';
import type { GatewayProxyConfig, ProxyPort } from './gateway-router.ts';
import type { Flow, VirtualAddress } from './proxy-protocol.ts';
import {
  chooseCertificate,
  chooseFilterChain,
  type LoadedCertificate,
  loadCertificate,
} from './tls-certificates.ts';
import type { UpstreamResolver, UpstreamTarget } from './upstream-target.ts';
import { DialError, type Verdict, type VirtualNetwork } from './virtual-network.ts';

export interface GatewayProxyOptions {
  network: Pick<VirtualNetwork, 'dial'>;
  resolveUpstream: UpstreamResolver;
  /** [0, 1); weighted backends are chosen with it. */
  random?: () => number;
  /** cloud-provider-kind's clusters use a 5 s connect timeout. */
  connectTimeoutMs?: number;
  /** Envoy's default route timeout. */
  routeTimeoutMs?: number;
}

interface Downstream {
  port: number;
  scheme: 'http' | 'https';
  client: VirtualAddress;
}

interface LoadedChain {
  serverNames: string[];
  certificates: LoadedCertificate[];
}

/** A server context without a certificate: a handshake no filter chain takes fails with it. */
let noCertificate: ReturnType<typeof createSecureContext> | undefined;

/**
 * One gateway's Envoy: it accepts connections to its address on the ports it listens on,
 * terminates TLS where a listener says so, routes each HTTP request by its route table and
 * proxies it over a new connection from its own address to the chosen upstream — or answers
 * itself with Envoy's local replies.
 */
export class GatewayProxy {
  private address: string | undefined;
  private ports = new Map<number, ProxyPort>();
  private chains = new Map<number, LoadedChain[]>();
  private readonly server: Server;
  private readonly downstreams = new WeakMap<object, Downstream>();
  private readonly sockets = new Set<Socket>();
  private sourcePort = 32768;
  private readonly random: () => number;
  private readonly connectTimeoutMs: number;
  private readonly routeTimeoutMs: number;

  constructor(private readonly options: GatewayProxyOptions) {
    this.random = options.random ?? Math.random;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.routeTimeoutMs = options.routeTimeoutMs ?? 15_000;
    this.server = createServer((req, res) => this.serve(req, res));
    // Envoy keeps an idle downstream connection for an hour and times no request out.
    this.server.keepAliveTimeout = 3_600_000;
    this.server.requestTimeout = 0;
    this.server.headersTimeout = 0;
  }

  /** Takes a new configuration; connections already open keep their listener's port. */
  configure(address: string, config: GatewayProxyConfig): void {
    this.address = address;
    this.ports = new Map(config.ports.map((port) => [port.port, port]));
    this.chains = new Map(
      config.ports.map((port) => [
        port.port,
        port.filterChains.map((chain) => ({
          serverNames: chain.serverNames,
          certificates: chain.certificates
            .map(loadCertificate)
            .filter((certificate): certificate is LoadedCertificate => !!certificate),
        })),
      ]),
    );
  }

  /** Accepted on a port Envoy listens on; refused on any other, as by the container's kernel. */
  verdict(flow: Flow): Verdict {
    if (!this.ports.has(flow.destination.port)) return { type: 'refuse' };
    return { type: 'accept', handle: (socket, accepted) => this.accept(socket, accepted) };
  }

  /** The container goes away: every connection to or from it is reset. */
  close(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.ports.clear();
    this.chains.clear();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private accept(socket: Socket, flow: Flow): void {
    const port = this.ports.get(flow.destination.port);
    if (!port) {
      socket.destroy();
      return;
    }
    this.track(socket);
    const downstream: Downstream = {
      port: port.port,
      scheme: port.protocol === 'HTTPS' ? 'https' : 'http',
      client: flow.source,
    };
    if (port.protocol === 'HTTP') {
      this.downstreams.set(socket, downstream);
      this.server.emit('connection', socket);
      return;
    }
    const chains = this.chains.get(port.port) ?? [];
    const select = (serverName: string | undefined) => {
      const chain = chooseFilterChain(chains, serverName);
      return chain && chooseCertificate(chain.certificates, serverName);
    };
    noCertificate ??= createSecureContext({});
    const secure = new TLSSocket(socket, {
      isServer: true,
      secureContext: select(undefined)?.context ?? noCertificate,
      SNICallback: (serverName, callback) => {
        const certificate = select(serverName);
        if (certificate) callback(null, certificate.context);
        else callback(new Error(`no filter chain for server name ${serverName}`));
      },
    });
    secure.once('secure', () => {
      this.downstreams.set(secure, downstream);
      this.server.emit('connection', secure);
    });
    secure.on('error', () => {
      secure.destroy();
      socket.destroy();
    });
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const downstream = this.downstreams.get(req.socket);
    const port = downstream && this.ports.get(downstream.port);
    if (!downstream || !port) {
      sendLocalReply(res, localReplies.noRoute);
      return;
    }
    const { route } = findRoute(port.routeTable, {
      host: req.headers.host ?? '',
      path: req.url ?? '/',
      headers: req.headers,
    });
    if (!route) {
      sendLocalReply(res, localReplies.noRoute);
      return;
    }
    const action = route.action;
    switch (action.type) {
      case 'direct':
        sendLocalReply(res, localReplies.direct(action.status));
        return;
      case 'redirect':
        sendLocalReply(
          res,
          { status: action.status, body: '' },
          {
            location: redirectLocation(downstream.scheme, req, action.hostname),
          },
        );
        return;
      case 'forward':
        void this.forward(req, res, downstream, route, action.clusters);
    }
  }

  private async forward(
    req: IncomingMessage,
    res: ServerResponse,
    downstream: Downstream,
    route: ProxyRoute,
    clusters: readonly WeightedCluster[],
  ): Promise<void> {
    const cluster = pickWeighted(clusters, this.random);
    const target: UpstreamTarget = cluster
      ? this.options.resolveUpstream(cluster)
      : { type: 'cluster-not-found' };
    if (target.type !== 'address') {
      sendLocalReply(
        res,
        target.type === 'no-healthy-upstream'
          ? localReplies.noHealthyUpstream
          : localReplies.clusterNotFound,
      );
      return;
    }
    let upstream: Socket;
    try {
      upstream = await this.options.network.dial(
        {
          source: { ip: this.address ?? '0.0.0.0', port: this.nextSourcePort() },
          destination: { ip: target.ip, port: target.port },
        },
        this.connectTimeoutMs,
      );
    } catch (error) {
      const timedOut = error instanceof DialError && error.code === 'ETIMEDOUT';
      sendLocalReply(res, timedOut ? localReplies.connectTimeout : localReplies.connectionRefused);
      return;
    }
    if (res.destroyed) {
      upstream.destroy();
      return;
    }
    this.track(upstream);
    this.relay(req, res, downstream, route, upstream);
  }

  /** Sends the request over the upstream connection and the response back. */
  private relay(
    req: IncomingMessage,
    res: ServerResponse,
    downstream: Downstream,
    route: ProxyRoute,
    upstream: Socket,
  ): void {
    const started = performance.now();
    const headers = forwardedRequestHeaders(
      req.rawHeaders,
      {
        clientIp: downstream.client.ip,
        scheme: downstream.scheme,
        timeoutMs: this.routeTimeoutMs,
        newRequestId: randomUUID,
      },
      route.requestHeaders,
    );
    const outgoing = request({
      createConnection: () => upstream,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers,
      setHost: false,
    });
    // Envoy's upstream HTTP/1.1 sends no Connection header.
    outgoing.removeHeader('connection');
    let finished = false;
    const fail = (reply: LocalReply) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      outgoing.destroy();
      upstream.destroy();
      sendLocalReply(res, reply);
    };
    const timer = setTimeout(() => fail(localReplies.upstreamTimeout), this.routeTimeoutMs);
    outgoing.on('response', (answer) => {
      if (finished) {
        answer.resume();
        return;
      }
      prepareEnvoyResponse(res);
      const responseHeaders = forwardedResponseHeaders(answer.rawHeaders);
      responseHeaders['x-envoy-upstream-service-time'] = String(
        Math.round(performance.now() - started),
      );
      responseHeaders.server = 'envoy';
      res.writeHead(answer.statusCode ?? 502, responseHeaders);
      answer.pipe(res);
      answer.once('end', () => {
        finished = true;
        clearTimeout(timer);
        upstream.destroy();
      });
      answer.once('aborted', () => res.destroy());
      answer.once('error', () => res.destroy());
    });
    outgoing.on('error', () => fail(localReplies.connectionTermination));
    res.once('close', () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      outgoing.destroy();
      upstream.destroy();
    });
    req.pipe(outgoing);
  }

  /** Ephemeral source ports from Linux's default range, reused round-robin. */
  private nextSourcePort(): number {
    const port = this.sourcePort;
    this.sourcePort = port >= 60999 ? 32768 : port + 1;
    return port;
  }
}

/** Envoy's redirect keeps the scheme, path and query, and swaps in the new host name. */
function redirectLocation(scheme: string, req: IncomingMessage, hostname?: string): string {
  const host = req.headers.host ?? '';
  const port = /:(\d+)$/.exec(host)?.[0] ?? '';
  const target = hostname ? `${hostname}${port}` : host;
  return `${scheme}://${target}${req.url ?? '/'}`;
}

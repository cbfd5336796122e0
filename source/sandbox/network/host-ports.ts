import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { hostAddressOnKindNetwork } from '../cluster/topology.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { DataPlane } from './data-plane.ts';
import {
  addressKey,
  anyLoopback,
  type Exposure,
  exposuresOf,
  type HostEndpoint,
  type HostPlatform,
  type ListenerState,
  planListeners,
  type WantedListener,
} from './host-port-plan.ts';
import type { VirtualAddress } from './proxy-protocol.ts';
import { relay } from './relay.ts';
import { DialError } from './virtual-network.ts';

/**
 * "Your machine" on the kind network: real loopback listeners for every NodePort,
 * LoadBalancer, Ingress and Gateway address, so a real `curl` in another terminal reaches the
 * sandbox's pods. Each accepted connection dials the fabric as the host — source
 * 172.18.0.1, the docker bridge's gateway, which is what pods see of a Linux host in kind —
 * towards the virtual address, and the two are spliced.
 *
 * Outcomes match what the host would see dialing the real address:
 * - accepted → bytes flow;
 * - refused (kube-proxy's REJECT: a NodePort whose Service has no endpoints) → the listener is
 *   closed while that lasts, so curl gets a genuine "Connection refused". Its host address is
 *   kept and bound again once the address accepts. A connection that races the close is reset;
 * - dropped (a Local-policy node without an endpoint) → the connection is held without a byte
 *   until the client gives up (or a SYN's ~127 s of retries have passed), so curl times out.
 *
 * Listeners follow the store. Nothing ever listens outside 127.0.0.0/8.
 */
export class HostPorts {
  private readonly listeners = new Map<string, Listener>();
  private readonly sockets = new Set<Socket>();
  private readonly holds = new Set<NodeJS.Timeout>();
  private readonly subscribers = new Set<() => void>();
  private exposures: Exposure[] = [];
  private published: HostEndpoint[] = [];
  private queued = false;
  private stopped = false;
  private work: Promise<void> = Promise.resolve();
  private unsubscribe: () => void = () => {};
  private readonly platform: HostPlatform;

  constructor(
    private readonly store: ObjectStore,
    private readonly dataPlane: DataPlane,
    options: { platform?: HostPlatform } = {},
  ) {
    this.platform = options.platform ?? detectHostPlatform();
  }

  /** Opens the listeners the store calls for now, then follows its changes. */
  async start(): Promise<void> {
    this.unsubscribe = this.store.subscribe((event) => {
      if (watchedResources.has(event.resource)) this.schedule();
    });
    this.schedule();
    await this.settled();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    await this.work;
    for (const timer of this.holds) clearTimeout(timer);
    this.holds.clear();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const servers = [...this.listeners.values()].flatMap((listener) =>
      listener.server ? [listener.server] : [],
    );
    await Promise.all(servers.map(closeServer));
    this.listeners.clear();
  }

  /** Every exposure with the loopback address that reaches it. */
  endpoints(): HostEndpoint[] {
    return this.published;
  }

  /** Calls `listener` whenever `endpoints()` changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.subscribers.add(listener);
    return () => this.subscribers.delete(listener);
  }

  /** Resolves once the listeners match every store change made so far. */
  async settled(): Promise<void> {
    for (;;) {
      const current = this.work;
      await current;
      if (current === this.work && !this.queued) return;
    }
  }

  /** Every address a socket of this object listens on now (for checks that all are loopback). */
  listeningAddresses(): VirtualAddress[] {
    return [...this.listeners.values()].flatMap((listener) => {
      const address = listener.server?.address();
      return address && typeof address === 'object'
        ? [{ ip: address.address, port: address.port }]
        : [];
    });
  }

  private schedule(): void {
    if (this.queued || this.stopped) return;
    this.queued = true;
    // Store writes come in bursts (a Deployment's pods, their slices): one pass per burst.
    this.work = this.work.then(() => {
      this.queued = false;
      return this.reconcile();
    });
  }

  private async reconcile(): Promise<void> {
    if (this.stopped) return;
    this.exposures = exposuresOf({
      services: this.store.scan('/services'),
      ingresses: this.store.scan('networking.k8s.io/ingresses'),
      gateways: this.store.scan('gateway.networking.k8s.io/gateways'),
      nodes: this.store.scan('/nodes'),
    });
    const wanted = new Map<string, WantedListener>();
    for (const { virtual } of this.exposures) {
      const key = addressKey(virtual);
      if (!wanted.has(key)) wanted.set(key, { virtual, accepting: !this.refuses(virtual) });
    }
    const current = new Map<string, ListenerState>();
    for (const [key, listener] of this.listeners) {
      current.set(key, { host: listener.host, open: listener.server !== undefined });
    }
    for (const step of planListeners([...wanted.values()], current, this.platform)) {
      if (this.stopped) return;
      const key = addressKey(step.virtual);
      const listener = this.listeners.get(key);
      if (step.type === 'open') {
        const opened = await this.open(step.virtual, step.preferred);
        if (opened) this.listeners.set(key, opened);
      } else if (listener?.server) {
        // Stops accepting at once; connections already made carry on, as established
        // connections do when a rule changes (conntrack), and end when their peers do.
        listener.server.close();
        listener.server = undefined;
      }
      if (step.type === 'forget') this.listeners.delete(key);
    }
    this.publish();
  }

  /**
   * Whether a connection from outside the cluster would be refused, asked without connecting.
   * Refusals are decided by the address owners from the store (no endpoints), so asking after
   * each store change keeps the listener's state current. The question comes from an address
   * no real traffic uses, so that it leaves no session-affinity memory behind for the host.
   */
  private refuses(virtual: VirtualAddress): boolean {
    const flow = { source: probeSource, destination: virtual };
    return this.dataPlane.route(flow).type === 'refuse';
  }

  private async open(
    virtual: VirtualAddress,
    preferred: VirtualAddress | undefined,
  ): Promise<Listener | undefined> {
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (socket) =>
      this.accept(socket, virtual),
    );
    for (const candidate of [preferred, { ip: anyLoopback, port: 0 }]) {
      if (!candidate) continue;
      try {
        const port = await listen(server, candidate);
        return { host: { ip: candidate.ip, port }, server };
      } catch (error) {
        // Taken (another sandbox, another program), privileged, or no such loopback address.
        if (!fallbackErrors.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      }
    }
    return undefined;
  }

  private accept(socket: Socket, virtual: VirtualAddress): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => {});
    const flow = {
      source: { ip: hostAddressOnKindNetwork, port: socket.remotePort ?? probeSource.port },
      destination: virtual,
    };
    this.dataPlane.network.dial(flow).then(
      (upstream) => {
        if (socket.destroyed || this.stopped) upstream.destroy();
        else relay(socket, upstream);
      },
      (error: unknown) => {
        if (error instanceof DialError && error.code === 'ETIMEDOUT') this.hold(socket);
        else socket.resetAndDestroy();
      },
    );
  }

  /** A dropped connection: say nothing, as a SYN into the void gets nothing back. */
  private hold(socket: Socket): void {
    if (socket.destroyed) return;
    socket.resume();
    socket.once('end', () => socket.end());
    const timer = setTimeout(() => {
      this.holds.delete(timer);
      socket.resetAndDestroy();
    }, synRetriesMs);
    this.holds.add(timer);
    socket.once('close', () => {
      clearTimeout(timer);
      this.holds.delete(timer);
    });
  }

  private publish(): void {
    const endpoints: HostEndpoint[] = [];
    for (const exposure of this.exposures) {
      const listener = this.listeners.get(addressKey(exposure.virtual));
      if (!listener) continue;
      endpoints.push({
        kind: exposure.kind,
        object: exposure.object,
        virtual: addressKey(exposure.virtual),
        host: addressKey(listener.host),
        ...(exposure.node ? { node: exposure.node } : {}),
        listening: listener.server !== undefined,
      });
    }
    if (JSON.stringify(endpoints) === JSON.stringify(this.published)) return;
    this.published = endpoints;
    for (const subscriber of this.subscribers) subscriber();
  }
}

interface Listener {
  host: VirtualAddress;
  /** Undefined while paused (the address refuses). */
  server: Server | undefined;
}

const watchedResources = new Set([
  '/services',
  '/nodes',
  'discovery.k8s.io/endpointslices',
  'networking.k8s.io/ingresses',
  'gateway.networking.k8s.io/gateways',
]);

const fallbackErrors = new Set(['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL']);

/** An external client that never connects: TEST-NET-1, reserved for documentation. */
const probeSource = { ip: '192.0.2.1', port: 32768 };

/** How long Linux retries an unanswered SYN (tcp_syn_retries = 6) before connect() fails. */
const synRetriesMs = 127_000;

function listen(server: Server, address: VirtualAddress): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    server.once('error', fail);
    server.listen({ host: address.ip, port: address.port, exclusive: true }, () => {
      server.off('error', fail);
      resolve((server.address() as { port: number }).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * What this machine allows: Linux routes all of 127.0.0.0/8 to loopback, elsewhere only
 * 127.0.0.1 is there; ports below `ip_unprivileged_port_start` (1024 by default) need root on
 * Linux, while macOS has let anyone bind them since 10.14.
 */
export function detectHostPlatform(): HostPlatform {
  const linux = process.platform === 'linux';
  if (process.getuid?.() === 0 || process.platform === 'darwin') {
    return { loopbackRange: linux, unprivilegedPortStart: 0 };
  }
  let unprivilegedPortStart = 1024;
  if (linux) {
    try {
      const text = readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8');
      unprivilegedPortStart = Number(text.trim()) || 0;
    } catch {
      // Older kernels: the classic 1024.
    }
  }
  return { loopbackRange: linux, unprivilegedPortStart };
}

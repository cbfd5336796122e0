import { connect, createServer, type Server, type Socket } from 'node:net';
import {
  decodeProxyHeader,
  encodeProxyHeader,
  type Flow,
  maxHeaderLength,
} from './proxy-protocol.ts';

/**
 * What happens to a connection to a virtual address, decided by whoever owns the address:
 * refused (nothing listens, or kube-proxy's reject rule), dropped (no route, or a Local-policy
 * node without endpoints: the client times out), or accepted by a handler that serves it —
 * a pod's server, or a proxy that dials the next hop.
 */
export type Verdict =
  | { type: 'refuse' }
  | { type: 'drop' }
  | { type: 'accept'; handle(socket: Socket, flow: Flow): void };

export type Router = (flow: Flow) => Verdict;

/** Why a dial failed, named as a client on a real network would see it. */
export class DialError extends Error {
  constructor(
    readonly code: 'ECONNREFUSED' | 'ETIMEDOUT',
    readonly flow: Flow,
  ) {
    super(
      `${code === 'ECONNREFUSED' ? 'connection refused' : 'connection timed out'}: ${flow.destination.ip}:${flow.destination.port}`,
    );
  }
}

const accepted = 0x01;
const refused = 0x00;

/**
 * The sandbox's network fabric: ONE loopback listener that every virtual connection reaches
 * over a real TCP connection. The dialer sends a PROXY v1 header naming the virtual source and
 * destination; the fabric asks the router and answers with one verdict byte (accepted or
 * refused) — or nothing at all for a dropped connection, so the dialer times out as it would on
 * a real network. After an accept the socket carries the application's bytes unchanged.
 * Thousands of pods therefore cost no listening sockets of their own.
 */
export class VirtualNetwork {
  private readonly server: Server;
  private readonly open = new Set<Socket>();
  private port = 0;
  private router: Router = () => ({ type: 'drop' });

  constructor() {
    this.server = createServer((socket) => this.arrive(socket));
  }

  setRouter(router: Router): void {
    this.router = router;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ port: 0, host: '127.0.0.1' }, () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as { port: number }).port;
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    this.open.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * Opens a connection to `flow.destination` as `flow.source`. Resolves with the socket once
   * the destination accepted; rejects with a DialError (refused, or timed out after
   * `timeoutMs`), as a real connect() would.
   */
  dial(flow: Flow, timeoutMs = 3_000): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port: this.port, host: '127.0.0.1', noDelay: true });
      this.track(socket);
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const timer = setTimeout(() => fail(new DialError('ETIMEDOUT', flow)), timeoutMs);
      const endedBeforeVerdict = () => fail(new DialError('ECONNREFUSED', flow));
      socket.once('error', fail);
      socket.once('connect', () => socket.write(encodeProxyHeader(flow)));
      socket.once('readable', function onReadable() {
        const verdict = socket.read(1) as Buffer | null;
        if (verdict === null) {
          socket.once('readable', onReadable);
          return;
        }
        clearTimeout(timer);
        socket.off('error', fail);
        // After the verdict an 'end' is the peer's half-close, which the caller handles.
        socket.off('end', endedBeforeVerdict);
        socket.off('close', endedBeforeVerdict);
        if (verdict[0] === accepted) resolve(socket);
        else fail(new DialError('ECONNREFUSED', flow));
      });
      socket.once('end', endedBeforeVerdict);
      // Destroyed before any verdict (the fabric stopped): settle now, not at the timeout.
      socket.once('close', endedBeforeVerdict);
    });
  }

  private track(socket: Socket): void {
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
  }

  /** Reads the PROXY header, puts back any application bytes that came with it, then routes. */
  private arrive(socket: Socket): void {
    this.track(socket);
    socket.setNoDelay(true);
    let buffered = Buffer.alloc(0);
    const onReadable = () => {
      for (;;) {
        const chunk = socket.read() as Buffer | null;
        if (chunk === null) return;
        buffered = Buffer.concat([buffered, chunk]);
        const end = buffered.indexOf('\r\n');
        if (end < 0) {
          if (buffered.length > maxHeaderLength) socket.destroy();
          continue;
        }
        socket.off('readable', onReadable);
        const flow = decodeProxyHeader(buffered.subarray(0, end).toString('latin1'));
        if (!flow) {
          socket.destroy();
          return;
        }
        const rest = buffered.subarray(end + 2);
        if (rest.length > 0) socket.unshift(rest);
        this.deliver(socket, flow);
        return;
      }
    };
    socket.on('readable', onReadable);
    socket.on('error', () => socket.destroy());
  }

  private deliver(socket: Socket, flow: Flow): void {
    const verdict = this.router(flow);
    switch (verdict.type) {
      case 'refuse':
        socket.end(Buffer.of(refused));
        return;
      case 'drop':
        // Say nothing; the dialer's timeout decides, as with a silently dropped SYN.
        return;
      case 'accept':
        socket.write(Buffer.of(accepted));
        verdict.handle(socket, flow);
    }
  }
}

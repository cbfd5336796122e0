import type { Socket } from 'node:net';
import { type PeerCertificate, connect as tlsConnect } from 'node:tls';
import type { DataPlane } from '../../source/sandbox/network/data-plane.ts';
import { type HttpReply, httpRequestOver } from '../../source/sandbox/network/http-over-socket.ts';
import { DialError } from '../../source/sandbox/network/virtual-network.ts';

/** Requests to an ingress or gateway address over the sandbox's fabric, for tests. */

/** The host as kind's nodes see it: the Docker network's gateway. */
export const hostIP = '172.18.0.1';

export interface GatewayRequest {
  address: string;
  port?: number;
  /** The Host header. */
  host: string;
  path: string;
  headers?: Record<string, string>;
  /** Speak TLS, sending this server name (SNI); `null` sends none. */
  tls?: { serverName: string | null };
}

export type GatewayOutcome =
  | { outcome: 'reply'; reply: HttpReply; peerCertificate?: PeerCertificate }
  | { outcome: 'refused' | 'timed out' | 'tls failure' };

let nextPort = 45_000;

export async function throughGateway(
  dataPlane: DataPlane,
  request: GatewayRequest,
): Promise<GatewayOutcome> {
  nextPort = nextPort >= 59_000 ? 45_000 : nextPort + 1;
  const port = request.port ?? (request.tls ? 443 : 80);
  let socket: Socket;
  try {
    socket = await dataPlane.network.dial(
      { source: { ip: hostIP, port: nextPort }, destination: { ip: request.address, port } },
      2_000,
    );
  } catch (error) {
    if (!(error instanceof DialError)) throw error;
    return { outcome: error.code === 'ECONNREFUSED' ? 'refused' : 'timed out' };
  }
  let peerCertificate: PeerCertificate | undefined;
  if (request.tls) {
    const serverName = request.tls.serverName;
    const secured = await new Promise<Socket | undefined>((resolve) => {
      const tlsSocket = tlsConnect({
        socket,
        rejectUnauthorized: false,
        ...(serverName === null ? {} : { servername: serverName }),
      });
      tlsSocket.once('secureConnect', () => resolve(tlsSocket));
      tlsSocket.once('error', () => {
        socket.destroy();
        resolve(undefined);
      });
    });
    if (!secured) return { outcome: 'tls failure' };
    peerCertificate = (secured as ReturnType<typeof tlsConnect>).getPeerCertificate();
    socket = secured;
  }
  const reply = await httpRequestOver(socket, {
    path: request.path,
    host: request.host,
    headers: { 'User-Agent': 'curl/8.5.0', Accept: '*/*', ...request.headers },
  });
  return { outcome: 'reply', reply, ...(peerCertificate ? { peerCertificate } : {}) };
}

/** The reply, or a failure for a clear test message. */
export function replyOf(result: GatewayOutcome): HttpReply {
  if (result.outcome !== 'reply') throw new Error(`expected a reply, got: ${result.outcome}`);
  return result.reply;
}

import type { Socket } from 'node:net';
import type { DataPlane } from '../../source/sandbox/network/data-plane.ts';
import { type HttpReply, httpRequestOver } from '../../source/sandbox/network/http-over-socket.ts';
import type { VirtualAddress } from '../../source/sandbox/network/proxy-protocol.ts';
import { DialError } from '../../source/sandbox/network/virtual-network.ts';

/** HTTP over the sandbox's virtual network, for tests. */

/** GET `path` over an already dialled socket; Host defaults to `virtual`. */
export function httpGetOver(socket: Socket, path: string, host = 'virtual'): Promise<HttpReply> {
  return httpRequestOver(socket, { path, host, headers: { 'User-Agent': 'curl/8.5.0' } });
}

export type VirtualGet =
  | { outcome: 'reply'; status: number; body: string; reply: HttpReply }
  | { outcome: 'refused' | 'timed out' };

let nextPort = 40_000;

/**
 * Connects from `from` (an IP, with a fresh source port each time) to `to` and GETs `path`.
 * A refused or dropped connection is an outcome, not an error.
 */
export async function virtualGet(
  dataPlane: DataPlane,
  from: string,
  to: VirtualAddress,
  path: string,
  timeoutMs = 1_000,
  host = `${to.ip}:${to.port}`,
): Promise<VirtualGet> {
  nextPort = nextPort >= 60_000 ? 40_000 : nextPort + 1;
  const source = { ip: from, port: nextPort };
  let socket: Socket;
  try {
    socket = await dataPlane.network.dial({ source, destination: to }, timeoutMs);
  } catch (error) {
    if (!(error instanceof DialError)) throw error;
    return { outcome: error.code === 'ECONNREFUSED' ? 'refused' : 'timed out' };
  }
  const reply = await httpGetOver(socket, path, host);
  return { outcome: 'reply', status: reply.status, body: reply.body, reply };
}

/** The body of a 200 reply, or a description of what happened instead (for clear failures). */
export function bodyOf(result: VirtualGet): string {
  if (result.outcome !== 'reply') return `<${result.outcome}>`;
  return result.status === 200 ? result.body : `<${result.status}> ${result.body}`;
}

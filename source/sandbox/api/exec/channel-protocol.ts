/**
 * Kubernetes' remote command protocols over WebSocket: each binary message starts with its
 * channel — 0 stdin, 1 stdout, 2 stderr, 3 error (the final status), 4 resize — and
 * `v5.channel.k8s.io` adds 255, a half-close: `[255, 0]` means stdin has ended.
 */

export const channel = {
  stdin: 0,
  stdout: 1,
  stderr: 2,
  error: 3,
  resize: 4,
  close: 255,
} as const;

/** Served protocols, newest first. `channel.k8s.io` (v1) writes errors as plain text. */
export const execProtocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'channel.k8s.io'] as const;
export type ExecProtocol = (typeof execProtocols)[number];

/** The token a browser-style client may send as a subprotocol, since it cannot set headers. */
const bearerProtocolPrefix = 'base64url.bearer.authorization.k8s.io.';

/** The first protocol the client offers that the server speaks, in the client's order. */
export function chooseProtocol(offered: Iterable<string>): ExecProtocol | undefined {
  for (const protocol of offered) {
    if ((execProtocols as readonly string[]).includes(protocol)) return protocol as ExecProtocol;
  }
  return undefined;
}

/** The bearer token carried in a `base64url.bearer.authorization.k8s.io.<token>` subprotocol. */
export function tokenFromProtocols(offered: Iterable<string>): string | undefined {
  for (const protocol of offered) {
    if (protocol.startsWith(bearerProtocolPrefix)) {
      return Buffer.from(protocol.slice(bearerProtocolPrefix.length), 'base64url').toString('utf8');
    }
  }
  return undefined;
}

export function frame(channelNumber: number, data: string | Uint8Array): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data);
  return Buffer.concat([Buffer.of(channelNumber), payload]);
}

/**
 * The bytes the error channel carries for a final status: JSON for v4 and v5; for v1 nothing on
 * success and the message text on failure.
 */
export function statusPayload(
  protocol: ExecProtocol,
  status: Record<string, unknown>,
): Buffer | undefined {
  if (protocol !== 'channel.k8s.io') return Buffer.from(JSON.stringify(status));
  return status.status === 'Success' ? undefined : Buffer.from(String(status.message ?? ''));
}

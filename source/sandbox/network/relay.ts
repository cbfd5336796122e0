import type { Socket } from 'node:net';
import type { DataPlane } from './data-plane.ts';
import type { Flow } from './proxy-protocol.ts';
import type { Verdict } from './virtual-network.ts';

/**
 * A proxy hop: bytes copied both ways between two sockets until either side closes, when the
 * other is closed too. `forwardTo` is the NAT-like hop kube-proxy (and a load balancer) makes:
 * the next hop's verdict is known before the client is answered, so a refusal or a drop there
 * is what the client meets, and an accepted client is joined to a real new connection.
 */
export function relay(client: Socket, upstream: Socket): void {
  // A clean end travels through the pipes (each side ends the other once it has flushed);
  // a reset or an error on one side resets the other.
  const joinClose = (from: Socket, to: Socket) => {
    from.on('error', () => from.destroy());
    from.once('close', () => {
      if (!to.writableEnded) to.destroy();
    });
  };
  joinClose(client, upstream);
  joinClose(upstream, client);
  if (client.destroyed || upstream.destroyed) {
    client.destroy();
    upstream.destroy();
    return;
  }
  client.pipe(upstream);
  upstream.pipe(client);
}

/** The verdict for a connection forwarded to `next`, dialled from `next.source`. */
export function forwardTo(dataPlane: DataPlane, next: Flow): Verdict {
  const verdict = dataPlane.route(next);
  if (verdict.type !== 'accept') return verdict;
  return {
    type: 'accept',
    handle(client) {
      dataPlane.network.dial(next).then(
        (upstream) => relay(client, upstream),
        // The next hop went away between the verdict and the dial: the client sees a reset.
        () => client.destroy(),
      );
    },
  };
}

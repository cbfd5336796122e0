import type { Flow } from './proxy-protocol.ts';
import { type Verdict, VirtualNetwork } from './virtual-network.ts';

/**
 * Whoever owns some virtual addresses decides what happens to connections to them:
 * pods (their IPs), kube-proxy (cluster IPs, node ports), the load balancer and the ingress
 * and gateway controllers (their external addresses). `undefined` means "not mine".
 */
export type AddressOwner = (flow: Flow) => Verdict | undefined;

/**
 * The sandbox's traffic: the fabric plus the owners of its addresses, asked in order.
 * A connection nobody claims is dropped, as a packet to an unrouted address would be.
 */
export class DataPlane {
  readonly network = new VirtualNetwork();
  private readonly owners: AddressOwner[] = [];

  constructor() {
    this.network.setRouter((flow) => this.route(flow));
  }

  /**
   * The verdict for a connection, without making it. A proxy hop (kube-proxy's DNAT, a load
   * balancer) asks this for its chosen next hop first, so a refusal or a drop there reaches the
   * original client as it would through NAT, instead of after the client was accepted.
   */
  route(flow: Flow): Verdict {
    for (const owner of this.owners) {
      const verdict = owner(flow);
      if (verdict) return verdict;
    }
    return { type: 'drop' };
  }

  addOwner(owner: AddressOwner): void {
    this.owners.push(owner);
  }

  start(): Promise<void> {
    return this.network.start();
  }

  stop(): Promise<void> {
    return this.network.stop();
  }
}

import type { HostEndpoint } from './host-port-plan.ts';
import type { Flow } from './proxy-protocol.ts';
import { type Verdict, VirtualNetwork } from './virtual-network.ts';

/**
 * Whoever owns some virtual addresses decides what happens to connections to them:
 * pods (their IPs), kube-proxy (cluster IPs, node ports), the load balancer and the ingress
 * and gateway controllers (their external addresses). `undefined` means "not mine".
 */
export type AddressOwner = (flow: Flow) => Verdict | undefined;

/** The loopback listeners that let this machine reach the cluster (host-ports.ts). */
export interface HostExposure {
  endpoints(): HostEndpoint[];
  /** Calls `listener` whenever `endpoints()` changes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/**
 * The sandbox's traffic: the fabric plus the owners of its addresses, asked in order.
 * A connection nobody claims is dropped, as a packet to an unrouted address would be.
 */
export class DataPlane {
  readonly network = new VirtualNetwork();
  private readonly owners: AddressOwner[] = [];
  private hostExposure: HostExposure | undefined;

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

  /** Publishes the host's loopback listeners through `hostEndpoints()`. */
  exposeToHost(exposure: HostExposure): void {
    this.hostExposure = exposure;
  }

  /**
   * Every NodePort, LoadBalancer, Ingress and Gateway address this machine can reach, with
   * the loopback `ip:port` that reaches it (empty until host exposure is started).
   */
  hostEndpoints(): HostEndpoint[] {
    return this.hostExposure?.endpoints() ?? [];
  }

  /** Calls `listener` whenever `hostEndpoints()` changes; returns the unsubscribe function. */
  onHostEndpointsChange(listener: () => void): () => void {
    return this.hostExposure?.subscribe(listener) ?? (() => {});
  }

  start(): Promise<void> {
    return this.network.start();
  }

  stop(): Promise<void> {
    return this.network.stop();
  }
}

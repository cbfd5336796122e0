import type { GatewayProxy } from './gateway-proxy.ts';
import type { GatewayProxyConfig } from './gateway-router.ts';
import type { Flow } from './proxy-protocol.ts';
import type { Verdict } from './virtual-network.ts';

export interface DesiredProxy {
  address: string;
  config: GatewayProxyConfig;
}

/**
 * The gateway proxies one controller runs, one per key (a Gateway, a namespace's ingress
 * gateway), each reachable at its address. A proxy that is no longer wanted is closed, as its
 * container would be removed; one that stays keeps its open connections across changes.
 */
export class ProxyFleet {
  private readonly byKey = new Map<string, GatewayProxy>();
  private byAddress = new Map<string, GatewayProxy>();

  constructor(private readonly create: () => GatewayProxy) {}

  sync(desired: ReadonlyMap<string, DesiredProxy>): void {
    for (const [key, proxy] of this.byKey) {
      if (desired.has(key)) continue;
      proxy.close();
      this.byKey.delete(key);
    }
    const byAddress = new Map<string, GatewayProxy>();
    for (const [key, { address, config }] of desired) {
      let proxy = this.byKey.get(key);
      if (!proxy) {
        proxy = this.create();
        this.byKey.set(key, proxy);
      }
      proxy.configure(address, config);
      byAddress.set(address, proxy);
    }
    this.byAddress = byAddress;
  }

  /** The verdict of the proxy at the flow's destination; undefined if no proxy has it. */
  verdict(flow: Flow): Verdict | undefined {
    return this.byAddress.get(flow.destination.ip)?.verdict(flow);
  }

  close(): void {
    for (const proxy of this.byKey.values()) proxy.close();
    this.byKey.clear();
    this.byAddress.clear();
  }
}

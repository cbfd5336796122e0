import type { ControllerContext } from '../controllers/controller.ts';
import { GatewayProxy } from './gateway-proxy.ts';
import { type DesiredProxy, ProxyFleet } from './proxy-fleet.ts';
import { createUpstreamResolver } from './upstream-target.ts';

export interface FleetOwnerOptions {
  /** Store resources whose changes change what the proxies are or how they route. */
  resources: ReadonlySet<string>;
  /** Every proxy that should run now, by key, computed from the store. */
  desired(): Map<string, DesiredProxy>;
}

/**
 * Puts a controller's gateway proxies on the data plane as the owner of their addresses. The
 * proxies are reconfigured lazily: a relevant store change marks them stale, and the next
 * connection anywhere on the fabric brings them up to date before it is routed, so a request
 * made right after a write already sees it.
 */
export function startFleetOwner(ctx: ControllerContext, options: FleetOwnerOptions): () => void {
  const dataPlane = ctx.dataPlane;
  if (!dataPlane) return () => {};
  const fleet = new ProxyFleet(
    () =>
      new GatewayProxy({
        network: dataPlane.network,
        resolveUpstream: createUpstreamResolver(ctx.store),
      }),
  );
  let stale = true;
  let stopped = false;
  const unsubscribe = ctx.store.subscribe((event) => {
    if (options.resources.has(event.resource)) stale = true;
  });
  dataPlane.addOwner((flow) => {
    if (stopped) return undefined;
    if (stale) {
      stale = false;
      fleet.sync(options.desired());
    }
    return fleet.verdict(flow);
  });
  return () => {
    stopped = true;
    unsubscribe();
    fleet.close();
  };
}

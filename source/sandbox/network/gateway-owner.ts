import type { AddressPool } from '../controllers/cloud-provider/address-pool.ts';
import {
  gatewayApiIds,
  gatewayWorldFromStore,
  isCloudProviderKindGateway,
} from '../controllers/cloud-provider/gateway-world.ts';
import type { ControllerContext } from '../controllers/controller.ts';
import { startFleetOwner } from './fleet-owner.ts';
import { gatewayProxyConfig } from './gateway-router.ts';
import type { DesiredProxy } from './proxy-fleet.ts';

/**
 * The Gateway API data path of cloud-provider-kind: one Envoy per Gateway of a class it
 * controls, at the Gateway's address, listening on its listeners' ports and routing by the
 * HTTPRoutes attached to it.
 */
export function startGatewayDataPath(ctx: ControllerContext, pool: AddressPool): () => void {
  const store = ctx.store;
  return startFleetOwner(ctx, {
    resources: new Set([...Object.values(gatewayApiIds), '/services', '/secrets', '/namespaces']),
    desired() {
      const desired = new Map<string, DesiredProxy>();
      for (const gateway of store.scan(gatewayApiIds.gateways)) {
        if (!isCloudProviderKindGateway(store, gateway)) continue;
        const key = `${gateway.metadata.namespace}/${gateway.metadata.name}`;
        // The Gateway's proxy exists once it got its address.
        const address = pool.addressOf(`gateway:${key}`);
        if (!address) continue;
        const config = gatewayProxyConfig(gatewayWorldFromStore(store, gateway, address));
        desired.set(key, { address, config });
      }
      return desired;
    },
  });
}

import { gatewayControllerName } from '../cluster/topology.ts';
import type { AddressPool } from '../controllers/cloud-provider/address-pool.ts';
import { gatewayGroup } from '../controllers/cloud-provider/gateway-status.ts';
import type { ControllerContext } from '../controllers/controller.ts';
import { startFleetOwner } from './fleet-owner.ts';
import { gatewayProxyConfig } from './gateway-router.ts';
import type { DesiredProxy } from './proxy-fleet.ts';

const classesId = `${gatewayGroup}/gatewayclasses`;
const gatewaysId = `${gatewayGroup}/gateways`;
const routesId = `${gatewayGroup}/httproutes`;
const referenceGrantsId = `${gatewayGroup}/referencegrants`;

/**
 * The Gateway API data path of cloud-provider-kind: one Envoy per Gateway of a class it
 * controls, at the Gateway's address, listening on its listeners' ports and routing by the
 * HTTPRoutes attached to it.
 */
export function startGatewayDataPath(ctx: ControllerContext, pool: AddressPool): () => void {
  const store = ctx.store;
  return startFleetOwner(ctx, {
    resources: new Set([
      classesId,
      gatewaysId,
      routesId,
      referenceGrantsId,
      '/services',
      '/secrets',
      '/namespaces',
    ]),
    desired() {
      const desired = new Map<string, DesiredProxy>();
      for (const gateway of store.scan(gatewaysId)) {
        const gatewayClass = store.peek(classesId, undefined, gateway.spec?.gatewayClassName);
        if (gatewayClass?.spec?.controllerName !== gatewayControllerName) continue;
        const key = `${gateway.metadata.namespace}/${gateway.metadata.name}`;
        // The Gateway's proxy exists once it got its address.
        const address = pool.addressOf(`gateway:${key}`);
        if (!address) continue;
        const config = gatewayProxyConfig({
          gateway,
          routes: store.scan(routesId),
          serviceExists: (ns, svc) => store.peek('/services', ns, svc) !== undefined,
          secret: (ns, secret) => store.peek('/secrets', ns, secret),
          namespaceLabels: (ns) => store.peek('/namespaces', undefined, ns)?.metadata.labels,
          referenceGrants: (ns) => store.scan(referenceGrantsId, ns),
          address,
          now: store.now(),
        });
        desired.set(key, { address, config });
      }
      return desired;
    },
  });
}

import { loadBalancerRange } from '../../cluster/topology.ts';
import { startGatewayDataPath } from '../../network/gateway-owner.ts';
import { startIngressDataPath } from '../../network/ingress-owner.ts';
import { startLoadBalancerDataPath } from '../../network/load-balancer-owner.ts';
import type { Controller } from '../controller.ts';
import { AddressPool } from './address-pool.ts';
import { startGatewayController } from './gateway-controller.ts';
import { startIngressStatusController } from './ingress-status-controller.ts';
import { startServiceLoadBalancerController } from './service-load-balancer-controller.ts';

/**
 * cloud-provider-kind, which a kind cluster runs beside it: LoadBalancer Services, Ingress and
 * Gateway API, all addressed from one range of the kind network. With the `loadBalancer`
 * option off, LoadBalancer Services stay `<pending>` as on a cluster without a provider.
 * The ingress and gateway proxies really route on the data plane (source/sandbox/network).
 */
export const cloudProviderKind: Controller = {
  name: 'cloud-provider-kind',
  start(ctx) {
    const pool = new AddressPool(loadBalancerRange);
    const stops = [
      ...(ctx.options.loadBalancer
        ? [startServiceLoadBalancerController(ctx, pool), startLoadBalancerDataPath(ctx)]
        : []),
      startIngressStatusController(ctx, pool),
      startGatewayController(ctx, pool),
      // The Envoys behind those addresses, on the sandbox's data plane.
      startIngressDataPath(ctx, pool),
      startGatewayDataPath(ctx, pool),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  },
};

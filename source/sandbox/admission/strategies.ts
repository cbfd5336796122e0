import { ClusterIPAllocator } from '../allocators/cluster-ip-allocator.ts';
import { NodePortAllocator } from '../allocators/node-port-allocator.ts';
import { nodePortRange, serviceCIDR } from '../cluster/topology.ts';
import { endpointSliceStrategy, endpointsStrategy, eventStrategy } from './endpoint-strategies.ts';
import { gatewayClassStrategy } from './gateway-api/gateway-class-strategy.ts';
import { gatewayStrategy } from './gateway-api/gateway-strategy.ts';
import { httpRouteStrategy } from './gateway-api/http-route-strategy.ts';
import { ingressClassStrategy, ingressStrategy } from './ingress-strategy.ts';
import type { KindStrategy } from './kind-strategy.ts';
import { namespaceStrategy } from './namespace-strategy.ts';
import { podStrategy } from './pod-strategy.ts';
import { configMapStrategy, secretStrategy } from './secret-strategy.ts';
import { serviceStrategy } from './service-strategy.ts';
import { deploymentStrategy, replicaSetStrategy } from './workload-strategy.ts';

export interface KindStrategyOptions {
  /** Random source for allocations (tests pin it); `crypto.randomInt` by default. */
  random?: (bound: number) => number;
}

/**
 * The per-kind API behaviour of one sandbox, by resource id (`group/plural`). A factory, not a
 * constant: several sandboxes share a process and nothing admission-related may leak between
 * them. Kinds not listed are stored as sent.
 */
export function createKindStrategies(
  options: KindStrategyOptions = {},
): ReadonlyMap<string, KindStrategy> {
  const allocators = {
    clusterIPs: new ClusterIPAllocator(serviceCIDR, options.random),
    nodePorts: new NodePortAllocator(nodePortRange.min, nodePortRange.max, options.random),
  };
  return new Map<string, KindStrategy>([
    ['/namespaces', namespaceStrategy],
    ['/services', serviceStrategy(allocators)],
    ['/pods', podStrategy],
    ['/endpoints', endpointsStrategy],
    ['/events', eventStrategy],
    ['/secrets', secretStrategy],
    ['/configmaps', configMapStrategy],
    ['apps/deployments', deploymentStrategy],
    ['apps/replicasets', replicaSetStrategy],
    ['discovery.k8s.io/endpointslices', endpointSliceStrategy],
    ['networking.k8s.io/ingresses', ingressStrategy],
    ['networking.k8s.io/ingressclasses', ingressClassStrategy],
    ['gateway.networking.k8s.io/gatewayclasses', gatewayClassStrategy],
    ['gateway.networking.k8s.io/gateways', gatewayStrategy],
    ['gateway.networking.k8s.io/httproutes', httpRouteStrategy],
  ]);
}

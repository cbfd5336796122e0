import { ClusterIPAllocator } from '../allocators/cluster-ip-allocator.ts';
import { NodePortAllocator } from '../allocators/node-port-allocator.ts';
import { nodePortRange, serviceCIDR } from '../cluster/topology.ts';
import type { KindStrategy } from './kind-strategy.ts';
import { serviceStrategy } from './service-strategy.ts';

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
  return new Map<string, KindStrategy>([['/services', serviceStrategy(allocators)]]);
}

import { podCIDR, serviceCIDR } from '../../sandbox/cluster/topology.ts';
import type { HostEndpoint } from '../../sandbox/network/host-port-plan.ts';
import { inCidr } from '../../sandbox/network/load-balancer-owner.ts';

/** Where a request from this machine goes: a loopback address, or why it cannot go. */
export type HostRoute =
  | { type: 'connect'; ip: string; port: number; endpoint?: HostEndpoint }
  | { type: 'unreachable'; detail: string };

function splitAddress(address: string): { ip: string; port: number } {
  const colon = address.lastIndexOf(':');
  return { ip: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
}

/**
 * The route this machine has to `ip:port`. Loopback addresses are local already; the
 * sandbox's NodePort, LoadBalancer, Ingress and Gateway addresses reach their loopback
 * listeners; cluster IPs and pod IPs exist only inside the cluster, as on a real one.
 */
export function hostRoute(ip: string, port: number, endpoints: readonly HostEndpoint[]): HostRoute {
  if (ip.startsWith('127.')) return { type: 'connect', ip, port };
  const endpoint = endpoints.find((candidate) => candidate.virtual === `${ip}:${port}`);
  if (endpoint) return { type: 'connect', ...splitAddress(endpoint.host), endpoint };
  if (inCidr(ip, serviceCIDR))
    return {
      type: 'unreachable',
      detail: `${ip} is a cluster-internal address: your machine has no route to it`,
    };
  if (inCidr(ip, podCIDR))
    return {
      type: 'unreachable',
      detail: `${ip} is a pod address inside the cluster: your machine has no route to it`,
    };
  return {
    type: 'unreachable',
    detail: `nothing on this machine leads to ${ip}:${port}: the sandbox opens loopback ports only for NodePorts, LoadBalancers, Ingresses and Gateways`,
  };
}

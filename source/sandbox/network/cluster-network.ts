import type { ObjectStore } from '../store/object-store.ts';
import { AgnhostServer, type ServedRequest } from './agnhost-server.ts';
import { ClusterDns } from './cluster-dns.ts';
import type { DataPlane } from './data-plane.ts';
import { KubeProxy } from './kube-proxy.ts';
import { nodeHostOwner } from './node-hosts.ts';
import { PodAddressIndex } from './pod-address-index.ts';
import { podOwner } from './pod-owner.ts';
import { ServiceIndex } from './service-index.ts';

/**
 * The cluster's own network on top of the fabric: kube-proxy (cluster IPs, node ports), the
 * pods (their IPs, hostNetwork ports), the nodes (refusing what nobody claimed), and cluster
 * DNS. Owners are asked in that order, as a node's netfilter rules come before its sockets.
 * Load balancers, Ingress and Gateway controllers add their own owners to the same DataPlane.
 *
 *   const cluster = startClusterNetwork(store, dataPlane)
 *   cluster.dns.resolve('echo', { namespace: 'default' })
 *   cluster.onPodRequest(({ pod, flow, path, status }) => …)   // every request a pod answered
 *   cluster.stop()
 */
export interface ClusterNetwork {
  readonly dns: ClusterDns;
  onPodRequest(listener: (request: ServedRequest) => void): () => void;
  stop(): void;
}

export function startClusterNetwork(
  store: ObjectStore,
  dataPlane: DataPlane,
  options: { random?: () => number } = {},
): ClusterNetwork {
  const pods = new PodAddressIndex(store);
  const services = new ServiceIndex(store);
  const server = new AgnhostServer();
  const kubeProxy = new KubeProxy(store, dataPlane, services, pods, options);
  dataPlane.addOwner(kubeProxy.owner);
  dataPlane.addOwner(podOwner(store, pods, server));
  dataPlane.addOwner(nodeHostOwner(store));
  return {
    dns: new ClusterDns(store, services),
    onPodRequest: (listener) => server.onRequest(listener),
    stop() {
      pods.stop();
      services.stop();
    },
  };
}

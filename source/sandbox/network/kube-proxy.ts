import type { Json, KubeObject } from '../api/kube-object.ts';
import { podCIDR } from '../cluster/topology.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { AddressOwner, DataPlane } from './data-plane.ts';
import {
  type AffinityEntry,
  chooseEndpoint,
  chooseWithAffinity,
  defaultAffinityTimeoutSeconds,
  type ServiceEndpoint,
  usableEndpoints,
} from './endpoint-choice.ts';
import { inCidr } from './ipv4.ts';
import { nodeAddress, nodeNameAt } from './node-hosts.ts';
import type { PodAddressIndex } from './pod-address-index.ts';
import type { Flow, VirtualAddress } from './proxy-protocol.ts';
import { forwardTo } from './relay.ts';
import type { ServiceIndex } from './service-index.ts';
import type { Verdict } from './virtual-network.ts';

/**
 * kube-proxy in iptables mode, on every node at once: the owner of cluster IPs and of node
 * ports on every node's IP. Each accepted connection is a real new dial over the fabric to the
 * chosen endpoint (DNAT), from the original source unless the rules masquerade it.
 *
 * ClusterIP `clusterIP:port` (from a pod or a node):
 *   - a port the Service lacks → dropped (no rule matches; the packet goes nowhere)
 *   - no usable endpoint → refused (the "has no endpoints" REJECT rule)
 *   - internalTrafficPolicy Local → only endpoints on the client's node; none there → dropped
 *   - the source is kept; a pod reaching itself through its Service (hairpin) is masqueraded
 * NodePort `nodeIP:nodePort`, on every node, the control plane included:
 *   - externalTrafficPolicy Cluster → any endpoint, source SNATed to the node's IP
 *   - Local → the node's own endpoints, the client's address kept; none there → dropped (the
 *     client times out). Traffic from a pod or from the node itself still uses every endpoint.
 * Endpoints: ready ones, else terminating ones still serving; chosen at random per connection,
 * or per client IP with `sessionAffinity: ClientIP` (timeout from sessionAffinityConfig).
 * Headless and ExternalName Services have no cluster IP: nothing here for them.
 */
/** How many client affinities are remembered at most (xt_recent keeps 200 per list by default). */
const maxRemembered = 10_000;

export class KubeProxy {
  readonly owner: AddressOwner = (flow) => this.route(flow);
  /** Client IP affinities by Service port and client, with the timeout they were made with. */
  private readonly affinity = new Map<string, { entry: AffinityEntry; timeoutSeconds: number }>();
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(
    private readonly store: ObjectStore,
    private readonly dataPlane: DataPlane,
    private readonly services: ServiceIndex,
    private readonly pods: PodAddressIndex,
    options: { random?: () => number; now?: () => number } = {},
  ) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  private route(flow: Flow): Verdict | undefined {
    const { destination } = flow;
    const service = this.services.serviceAtClusterIP(destination.ip);
    if (service) return this.toClusterIP(flow, service);
    // Pod IPs are the pods' business; this keeps the hot path to a pod free of node lookups.
    if (this.isPodAddress(destination.ip)) return undefined;
    const node = nodeNameAt(this.store, destination.ip);
    if (!node) return undefined;
    const nodePort = this.services.serviceAtNodePort(destination.port);
    return nodePort ? this.toNodePort(flow, node, nodePort.service, nodePort.port) : undefined;
  }

  private toClusterIP(flow: Flow, service: Readonly<KubeObject>): Verdict {
    const port = ((service.spec?.ports ?? []) as Json[]).find(
      (p) => p.port === flow.destination.port && (p.protocol ?? 'TCP') === 'TCP',
    );
    if (!port) return { type: 'drop' };
    const all = this.services.endpointsOf(service, port.name ?? '');
    if (usableEndpoints(all).length === 0) return { type: 'refuse' };
    const clientNode = this.nodeOfClient(flow.source.ip);
    let candidates = usableEndpoints(all);
    if (service.spec?.internalTrafficPolicy === 'Local') {
      candidates = clientNode ? usableEndpoints(all, clientNode) : [];
      if (candidates.length === 0) return { type: 'drop' };
    }
    const endpoint = this.choose(service, port, flow.source.ip, candidates);
    const hairpin = endpoint.ip === flow.source.ip;
    const source = hairpin ? this.masqueraded(flow.source, clientNode) : flow.source;
    return this.forward(source, endpoint);
  }

  private toNodePort(flow: Flow, node: string, service: Readonly<KubeObject>, port: Json): Verdict {
    const all = this.services.endpointsOf(service, port.name ?? '');
    const everywhere = usableEndpoints(all);
    if (everywhere.length === 0) return { type: 'refuse' };
    const viaNode = this.masqueraded(flow.source, node);
    if (service.spec?.externalTrafficPolicy !== 'Local') {
      return this.forward(viaNode, this.choose(service, port, flow.source.ip, everywhere));
    }
    // Local: pods are short-circuited to every endpoint unmasqueraded; the node's own traffic
    // is masqueraded to every endpoint; everyone else gets this node's endpoints or nothing.
    if (this.isPodAddress(flow.source.ip)) {
      return this.forward(flow.source, this.choose(service, port, flow.source.ip, everywhere));
    }
    if (nodeNameAt(this.store, flow.source.ip) === node) {
      return this.forward(viaNode, this.choose(service, port, flow.source.ip, everywhere));
    }
    const local = usableEndpoints(all, node);
    if (local.length === 0) return { type: 'drop' };
    return this.forward(flow.source, this.choose(service, port, flow.source.ip, local));
  }

  private forward(source: VirtualAddress, endpoint: ServiceEndpoint): Verdict {
    return forwardTo(this.dataPlane, {
      source,
      destination: { ip: endpoint.ip, port: endpoint.port },
    });
  }

  private choose(
    service: Readonly<KubeObject>,
    port: Json,
    clientIP: string,
    candidates: ServiceEndpoint[],
  ): ServiceEndpoint {
    if (service.spec?.sessionAffinity !== 'ClientIP')
      return chooseEndpoint(candidates, this.random);
    const timeout: number =
      service.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ??
      defaultAffinityTimeoutSeconds;
    const key = `${service.metadata.uid}/${port.name ?? ''}/${clientIP}`;
    const now = this.now();
    const { endpoint, entry } = chooseWithAffinity(
      candidates,
      this.affinity.get(key)?.entry,
      now,
      timeout,
      this.random,
    );
    // Re-inserted so the map's order is least recently used first.
    this.affinity.delete(key);
    if (this.affinity.size >= maxRemembered) this.forgetExpired(now);
    this.affinity.set(key, { entry, timeoutSeconds: timeout });
    return endpoint;
  }

  /** Like the recent match's table, old entries go: expired ones, then the least recent. */
  private forgetExpired(now: number): void {
    for (const [key, { entry, timeoutSeconds }] of this.affinity) {
      if (now - entry.lastUsed >= timeoutSeconds * 1000) this.affinity.delete(key);
    }
    const oldest = this.affinity.keys().next();
    if (this.affinity.size >= maxRemembered && !oldest.done) this.affinity.delete(oldest.value);
  }

  /** The node a client is on: its own node, or the node of the pod that has its IP. */
  private nodeOfClient(ip: string): string | undefined {
    return nodeNameAt(this.store, ip) ?? this.pods.podWithIP(ip)?.spec?.nodeName;
  }

  /** MASQUERADE: the node's address, keeping the source port as iptables does when it can. */
  private masqueraded(source: VirtualAddress, node: string | undefined): VirtualAddress {
    const ip = node ? nodeAddress(this.store, node) : undefined;
    return ip ? { ip, port: source.port } : source;
  }

  private isPodAddress(ip: string): boolean {
    return inCidr(ip, podCIDR);
  }
}

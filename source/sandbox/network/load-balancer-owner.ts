import type { Socket } from 'node:net';
import type { Json, KubeObject } from '../api/kube-object.ts';
import type { ControllerContext } from '../controllers/controller.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { AddressOwner, DataPlane } from './data-plane.ts';
import { EphemeralPorts } from './ephemeral-ports.ts';
import { inCidr } from './ipv4.ts';
import type { Flow } from './proxy-protocol.ts';
import { relay } from './relay.ts';

/**
 * The data path of cloud-provider-kind's load balancers (pkg/loadbalancer). For each
 * LoadBalancer Service it runs an Envoy container on the kind network whose address is the one
 * published in `status.loadBalancer.ingress` (`ipMode: Proxy`), configured as:
 *
 * - one TCP listener per Service port (`tcp_proxy`); nothing else listens there, so any other
 *   port on the address refuses;
 * - one STATIC cluster per port whose hosts are the **nodes' InternalIPs at the Service's
 *   nodePort** — never the pods: the last hop is kube-proxy's NodePort rule on the node. Nodes
 *   are those the cloud service controller hands the provider: not being deleted, without the
 *   `node.kubernetes.io/exclude-from-external-load-balancers` label (kind's control-plane has
 *   it) and without the cluster autoscaler's deletion taint;
 * - HTTP health checks on every node: kube-proxy's `:10256/healthz` (always healthy) for
 *   `externalTrafficPolicy: Cluster`, the Service's `healthCheckNodePort` for `Local`, which
 *   answers 200 only on nodes with a ready local endpoint. `healthy_panic_threshold: 0`, so
 *   unhealthy nodes never get traffic;
 * - `lb_policy: RANDOM`, or `RING_HASH` on the client's IP for `sessionAffinity: ClientIP`;
 *   `connect_timeout: 3s`; `loadBalancerSourceRanges` as the filter chain's source prefixes.
 *
 * What follows from that, and what this owner does:
 * - Envoy accepts the client first and only then picks and dials a node, so a connection is
 *   never refused for want of endpoints: with no healthy node (a Local Service without ready
 *   endpoints), a failed or timed-out upstream connect (a Cluster Service without endpoints:
 *   kube-proxy's REJECT), or a client outside the source ranges, the accepted connection is
 *   simply closed — curl says "Empty reply from server".
 * - The node sees Envoy, i.e. the load balancer's own address, as the client; kube-proxy then
 *   masquerades it for `Cluster`, or keeps it for `Local`. Either way the pod never sees the
 *   original client's address: `/clientip` shows a node or the load balancer's IP.
 *
 * The health checks are computed from the EndpointSlices at connect time rather than polled
 * every 2 s, so the sandbox converges at once where Envoy takes a few seconds. Without an
 * address in status (the Service still `<pending>`) nothing listens; with the provider off
 * (`loadBalancer: false`) no load balancer runs at all, whatever a status says.
 */
export class LoadBalancerProxies {
  private readonly ports = new EphemeralPorts();
  private readonly random: () => number;
  private stopped = false;

  constructor(
    private readonly store: ObjectStore,
    private readonly dataPlane: DataPlane,
    options: { random?: () => number } = {},
  ) {
    this.random = options.random ?? Math.random;
  }

  /** Claims connections to every published LoadBalancer address. */
  readonly owner: AddressOwner = (flow) => {
    if (this.stopped) return undefined;
    const service = this.serviceAt(flow.destination.ip);
    if (!service) return undefined;
    const port = tcpPorts(service).find((candidate) => candidate.port === flow.destination.port);
    if (!port) return { type: 'refuse' };
    return {
      type: 'accept',
      handle: (socket, accepted) => this.forward(socket, accepted, service, port),
    };
  };

  /** The containers are gone: new connections find nothing (established ones carry on). */
  stop(): void {
    this.stopped = true;
  }

  private serviceAt(ip: string): Readonly<KubeObject> | undefined {
    for (const service of this.store.scan(servicesId)) {
      if (service.spec?.type !== 'LoadBalancer') continue;
      const ingress = (service.status?.loadBalancer?.ingress ?? []) as Json[];
      if (ingress.some((entry) => entry.ip === ip)) return service;
    }
    return undefined;
  }

  private forward(socket: Socket, flow: Flow, service: Readonly<KubeObject>, port: Json): void {
    socket.on('error', () => {});
    const sourceRanges: string[] = service.spec?.loadBalancerSourceRanges ?? [];
    if (sourceRanges.length > 0 && !sourceRanges.some((range) => inCidr(flow.source.ip, range))) {
      socket.end();
      return;
    }
    const nodeIPs = healthyNodeIPs(this.store, service);
    if (nodeIPs.length === 0 || !port.nodePort) {
      socket.end();
      return;
    }
    const nodeIP =
      service.spec?.sessionAffinity === 'ClientIP'
        ? hashChoice(nodeIPs, flow.source.ip)
        : nodeIPs[Math.floor(this.random() * nodeIPs.length)]!;
    socket.pause();
    this.dataPlane.network
      .dial(
        {
          source: { ip: flow.destination.ip, port: this.ports.take() },
          destination: { ip: nodeIP, port: port.nodePort },
        },
        connectTimeoutMs,
      )
      .then(
        (upstream) => {
          if (socket.destroyed) upstream.destroy();
          else relay(socket, upstream);
        },
        () => socket.end(),
      );
  }
}

/** Puts the load balancers on the controller's data plane; returns the stop function. */
export function startLoadBalancerDataPath(ctx: ControllerContext): () => void {
  if (!ctx.dataPlane) return () => {};
  const proxies = new LoadBalancerProxies(ctx.store, ctx.dataPlane);
  ctx.dataPlane.addOwner(proxies.owner);
  return () => proxies.stop();
}

const servicesId = '/services';
const nodesId = '/nodes';
const slicesId = 'discovery.k8s.io/endpointslices';
const excludeLabel = 'node.kubernetes.io/exclude-from-external-load-balancers';
const toBeDeletedTaint = 'ToBeDeletedByClusterAutoscaler';
/** Envoy's `connect_timeout` in cloud-provider-kind's cluster config. */
const connectTimeoutMs = 3_000;

function tcpPorts(service: Readonly<KubeObject>): Json[] {
  return ((service.spec?.ports ?? []) as Json[]).filter(
    (port) => (port.protocol ?? 'TCP') === 'TCP',
  );
}

/** The cloud service controller's stable node set (KEP-3458). */
function isLoadBalancerNode(node: Readonly<KubeObject>): boolean {
  if (node.metadata.deletionTimestamp) return false;
  const exclude = node.metadata.labels?.[excludeLabel];
  // Go's strconv.ParseBool: only an explicit false keeps a labelled node in.
  if (exclude !== undefined && !['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(exclude)) {
    return false;
  }
  return !((node.spec?.taints ?? []) as Json[]).some((taint) => taint.key === toBeDeletedTaint);
}

/** InternalIPs of the nodes Envoy's health checks pass, in the store's order. */
export function healthyNodeIPs(store: ObjectStore, service: Readonly<KubeObject>): string[] {
  const local = service.spec?.externalTrafficPolicy === 'Local';
  const withLocalEndpoints = local ? nodesWithReadyEndpoints(store, service) : undefined;
  const ips: string[] = [];
  for (const node of store.scan(nodesId)) {
    if (!isLoadBalancerNode(node)) continue;
    if (withLocalEndpoints && !withLocalEndpoints.has(node.metadata.name!)) continue;
    const addresses = (node.status?.addresses ?? []) as Json[];
    const ip = addresses.find((address) => address.type === 'InternalIP')?.address;
    if (ip) ips.push(ip);
  }
  return ips;
}

/** Where kube-proxy's health check server counts a ready local endpoint of the Service. */
function nodesWithReadyEndpoints(store: ObjectStore, service: Readonly<KubeObject>): Set<string> {
  const nodes = new Set<string>();
  for (const slice of store.scan(slicesId, service.metadata.namespace)) {
    if (slice.metadata.labels?.['kubernetes.io/service-name'] !== service.metadata.name) continue;
    for (const endpoint of (slice.endpoints ?? []) as Json[]) {
      if (endpoint.conditions?.ready !== false && endpoint.nodeName) nodes.add(endpoint.nodeName);
    }
  }
  return nodes;
}

/**
 * The node a client IP hashes to, consistently while the set of healthy nodes stays the same
 * (Envoy's ring hash; rendezvous hashing gives the same property with less machinery).
 */
export function hashChoice(nodeIPs: readonly string[], clientIP: string): string {
  let best = nodeIPs[0]!;
  let bestScore = -1;
  for (const ip of nodeIPs) {
    const score = fnv1a(`${clientIP}|${ip}`);
    if (score > bestScore) {
      best = ip;
      bestScore = score;
    }
  }
  return best;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

// Kept importable from here for the probe's host routes.
export { inCidr };

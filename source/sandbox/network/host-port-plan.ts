import type { Json, KubeObject } from '../api/kube-object.ts';
import type { VirtualAddress } from './proxy-protocol.ts';

/**
 * What "your machine" can reach, and where on loopback: the pure half of host exposure.
 *
 *   exposuresOf(objects)            → every NodePort, LoadBalancer, Ingress and Gateway address
 *                                     a host on the kind network could connect to
 *   loopbackAddressFor('172.18.0.3') → '127.18.0.3' (each virtual address its own loopback IP)
 *   planListeners(wanted, current, platform) → the listeners to open, pause and forget
 */

export type ExposureKind = 'NodePort' | 'LoadBalancer' | 'Ingress' | 'Gateway';

export interface Exposure {
  kind: ExposureKind;
  /** `namespace/name` of the Service, Ingress or Gateway. */
  object: string;
  /** The address on the kind network, as a host there would dial it. */
  virtual: VirtualAddress;
  /** The node whose IP a NodePort is reached on. */
  node?: string;
}

/** An exposure and the loopback address that reaches it from this machine. */
export interface HostEndpoint {
  kind: ExposureKind;
  object: string;
  /** `ip:port` on the kind network. */
  virtual: string;
  /** `ip:port` on this machine's loopback. */
  host: string;
  node?: string;
  /**
   * False while the listener is closed so that connections are refused for real (a NodePort
   * whose Service has no endpoints: kube-proxy's REJECT rule).
   */
  listening: boolean;
}

export interface ExposedObjects {
  services: readonly Readonly<KubeObject>[];
  ingresses: readonly Readonly<KubeObject>[];
  gateways: readonly Readonly<KubeObject>[];
  nodes: readonly Readonly<KubeObject>[];
}

export function addressKey(address: VirtualAddress): string {
  return `${address.ip}:${address.port}`;
}

function objectName(object: Readonly<KubeObject>): string {
  return `${object.metadata.namespace}/${object.metadata.name}`;
}

function isTcp(port: Json): boolean {
  return (port.protocol ?? 'TCP') === 'TCP';
}

function internalIP(node: Readonly<KubeObject>): string | undefined {
  const addresses = (node.status?.addresses ?? []) as Json[];
  return addresses.find((address) => address.type === 'InternalIP')?.address;
}

/** IPv4 addresses in a `status.loadBalancer.ingress` list (hostnames have no loopback twin). */
function ingressIPs(object: Readonly<KubeObject>): string[] {
  const entries = (object.status?.loadBalancer?.ingress ?? []) as Json[];
  return entries.flatMap((entry) => (isIPv4(entry.ip) ? [entry.ip as string] : []));
}

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isIPv4(value: unknown): boolean {
  return typeof value === 'string' && ipv4.test(value);
}

/** Protocols whose Gateway listeners are TCP sockets. */
const tcpListenerProtocols = new Set(['HTTP', 'HTTPS', 'TLS', 'TCP']);

/**
 * Every address a host on the kind network can reach, in a stable order:
 * - NodePort: every node's InternalIP at each TCP nodePort (kube-proxy opens node ports on
 *   every node; LoadBalancer Services have them too);
 * - LoadBalancer: each `status.loadBalancer.ingress[].ip` at each TCP port (nothing while
 *   the Service is `<pending>`);
 * - Ingress: its published address at 80, and at 443 when any published Ingress of its
 *   namespace terminates TLS — cloud-provider-kind serves a namespace's Ingresses through one
 *   Gateway whose HTTPS listener exists once a `tls` entry names a Secret;
 * - Gateway: each published IP address at each TCP-based listener's port.
 */
export function exposuresOf(objects: ExposedObjects): Exposure[] {
  const exposures: Exposure[] = [];
  const nodeIPs = objects.nodes.flatMap((node) => {
    const ip = internalIP(node);
    return ip ? [{ name: node.metadata.name!, ip }] : [];
  });
  for (const service of objects.services) {
    const ports = ((service.spec?.ports ?? []) as Json[]).filter(isTcp);
    const type = service.spec?.type;
    if (type === 'NodePort' || type === 'LoadBalancer') {
      for (const port of ports) {
        if (!port.nodePort) continue;
        for (const node of nodeIPs) {
          exposures.push({
            kind: 'NodePort',
            object: objectName(service),
            virtual: { ip: node.ip, port: port.nodePort },
            node: node.name,
          });
        }
      }
    }
    if (type === 'LoadBalancer') {
      for (const ip of ingressIPs(service)) {
        for (const port of ports) {
          exposures.push({
            kind: 'LoadBalancer',
            object: objectName(service),
            virtual: { ip, port: port.port },
          });
        }
      }
    }
  }
  const published = objects.ingresses.filter((ingress) => ingressIPs(ingress).length > 0);
  const namespacesWithTls = new Set(
    published
      .filter((ingress) => ((ingress.spec?.tls ?? []) as Json[]).some((tls) => tls.secretName))
      .map((ingress) => ingress.metadata.namespace),
  );
  for (const ingress of published) {
    const ports = namespacesWithTls.has(ingress.metadata.namespace) ? [80, 443] : [80];
    for (const ip of ingressIPs(ingress)) {
      for (const port of ports) {
        exposures.push({ kind: 'Ingress', object: objectName(ingress), virtual: { ip, port } });
      }
    }
  }
  for (const gateway of objects.gateways) {
    const addresses = ((gateway.status?.addresses ?? []) as Json[])
      .filter((address) => (address.type ?? 'IPAddress') === 'IPAddress' && isIPv4(address.value))
      .map((address) => address.value as string);
    const ports = new Set<number>();
    for (const listener of (gateway.spec?.listeners ?? []) as Json[]) {
      if (tcpListenerProtocols.has(listener.protocol) && listener.port) ports.add(listener.port);
    }
    for (const ip of addresses) {
      for (const port of ports) {
        exposures.push({ kind: 'Gateway', object: objectName(gateway), virtual: { ip, port } });
      }
    }
  }
  return exposures;
}

/**
 * The loopback twin of a virtual IPv4 address: the first octet becomes 127, so the kind
 * network's 172.18.0.3 is 127.18.0.3 — recognisable, and distinct for every address the
 * sandbox publishes (all of them are in 172.18.0.0/16). Linux routes all of 127.0.0.0/8 to
 * the loopback interface, so these need no setup there.
 */
export function loopbackAddressFor(virtualIP: string): string {
  const [, b, c, d] = virtualIP.split('.');
  return `127.${b}.${c}.${d}`;
}

export interface HostPlatform {
  /** Every 127.0.0.0/8 address can be bound (Linux); elsewhere only 127.0.0.1 exists. */
  loopbackRange: boolean;
  /** Ports below this need privileges this process lacks (0 when it has them). */
  unprivilegedPortStart: number;
}

/** A listener the sandbox holds (or held, while paused): where it is on the host. */
export interface ListenerState {
  host: VirtualAddress;
  /** True while the socket is bound and accepting. */
  open: boolean;
}

export interface WantedListener {
  virtual: VirtualAddress;
  /**
   * False when connections to the virtual address are refused: the listener stays closed, so a
   * client on this machine gets a real "connection refused" too.
   */
  accepting: boolean;
}

export type ListenerStep =
  /** Bind at `preferred` if possible; else any free port on 127.0.0.1. */
  | { type: 'open'; virtual: VirtualAddress; preferred: VirtualAddress | undefined }
  /** Close the socket but keep its host address, to bind it again when accepting. */
  | { type: 'pause'; virtual: VirtualAddress }
  /** The exposure is gone: close the socket and forget the address. */
  | { type: 'forget'; virtual: VirtualAddress };

export const anyLoopback = '127.0.0.1';

/**
 * The steps that turn the current listeners (keyed by virtual `ip:port`) into the wanted ones.
 * A listener keeps its host address for as long as its exposure lasts, paused or not. A new one
 * prefers the virtual address's loopback twin with the real port (on Linux), or 127.0.0.1 with
 * the real port (elsewhere; the first exposure to want a port gets it); a privileged port, or a
 * port another listener here already holds, gets no preference: any free port on 127.0.0.1.
 * A new exposure that refuses is bound and paused at once, so it has a host address to show.
 */
export function planListeners(
  wanted: readonly WantedListener[],
  current: ReadonlyMap<string, ListenerState>,
  platform: HostPlatform,
): ListenerStep[] {
  const steps: ListenerStep[] = [];
  const wantedKeys = new Set(wanted.map((listener) => addressKey(listener.virtual)));
  const held = new Set<string>();
  for (const [key, state] of current) {
    if (wantedKeys.has(key)) held.add(addressKey(state.host));
    else steps.push({ type: 'forget', virtual: parseAddress(key) });
  }
  for (const { virtual, accepting } of wanted) {
    const state = current.get(addressKey(virtual));
    if (state) {
      if (accepting && !state.open) steps.push({ type: 'open', virtual, preferred: state.host });
      if (!accepting && state.open) steps.push({ type: 'pause', virtual });
      continue;
    }
    let preferred: VirtualAddress | undefined;
    if (virtual.port >= platform.unprivilegedPortStart) {
      const ip = platform.loopbackRange ? loopbackAddressFor(virtual.ip) : anyLoopback;
      const candidate = { ip, port: virtual.port };
      if (!held.has(addressKey(candidate))) preferred = candidate;
    }
    if (preferred) held.add(addressKey(preferred));
    steps.push({ type: 'open', virtual, preferred });
    // Bound once even when refusing, so the exposure has its host address from the start.
    if (!accepting) steps.push({ type: 'pause', virtual });
  }
  return steps;
}

export function parseAddress(key: string): VirtualAddress {
  const colon = key.lastIndexOf(':');
  return { ip: key.slice(0, colon), port: Number(key.slice(colon + 1)) };
}

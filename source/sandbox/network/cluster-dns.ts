import type { Json, KubeObject } from '../api/kube-object.ts';
import { clusterDomain } from '../cluster/topology.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { nodeAddress } from './node-hosts.ts';
import type { ServiceIndex } from './service-index.ts';

/**
 * Name resolution as a pod or a node of a kind cluster gets it.
 *
 *   dns.resolve(name, { namespace })  → as a pod in `namespace` (CoreDNS at 10.96.0.10)
 *   dns.resolve(name)                 → as a kind node (Docker's DNS; no cluster names)
 *   dns.query(fqdn, from)             → one fully qualified query to that vantage's server,
 *                                       no search list (for a stub resolver of one's own)
 *   dnsVantageOf(pod)                 → which of the two a pod's dnsPolicy gives it
 *
 * A pod's resolv.conf has `search <ns>.svc.cluster.local svc.cluster.local cluster.local` and
 * `options ndots:5`: a name with fewer than 5 dots tries the search domains first, then itself.
 * CoreDNS answers, in cluster.local:
 *   <svc>.<ns>.svc        → the cluster IP; a headless Service's ready endpoint IPs;
 *                           an ExternalName Service's CNAME to its externalName
 *   <host>.<svc>.<ns>.svc → a headless Service's endpoint by hostname (pods with hostname and
 *                           subdomain) or by its dashed IP
 *   <a-b-c-d>.<ns>.pod    → a.b.c.d (kind's Corefile has `pods insecure`)
 * and forwards other names to the node's resolver (Docker's, which knows the node names).
 * kind nodes resolve through Docker's DNS only: from a node, `echo.default.svc.cluster.local`
 * does not resolve, exactly as on kind; use the cluster IP there. The sandbox has no internet:
 * names outside the cluster and the nodes do not resolve, and the answer's note says so.
 */

export type DnsAnswer =
  | {
      status: 'NOERROR';
      /** The name that answered, fully qualified (no trailing dot). */
      name: string;
      /** Set when the name is an alias (ExternalName): its canonical name. */
      cname?: string;
      /** A records; empty when a CNAME's target does not resolve here. */
      addresses: string[];
      note?: string;
    }
  | {
      status: 'NXDOMAIN';
      name: string;
      /** Every name queried, in order. */
      tried: string[];
      note?: string;
    };

export interface DnsVantage {
  /** The pod's namespace; absent for a node (or a pod whose dnsPolicy gives it the node's). */
  namespace?: string;
}

const searchSuffixes = (namespace: string) => [
  `${namespace}.svc.${clusterDomain}`,
  `svc.${clusterDomain}`,
  clusterDomain,
];
const ndots = 5;
const noInternet =
  'the sandbox has no internet: only cluster names (from pods) and node names resolve';
const nodeResolver =
  "kind nodes resolve through Docker's DNS, not the cluster's: Service names resolve only inside pods";

export class ClusterDns {
  constructor(
    private readonly store: ObjectStore,
    private readonly services: ServiceIndex,
  ) {}

  resolve(name: string, from: DnsVantage = {}): DnsAnswer {
    const absolute = name.endsWith('.');
    const query = name.toLowerCase().replace(/\.$/, '');
    if (isIPv4(query)) return { status: 'NOERROR', name: query, addresses: [query] };
    if (from.namespace === undefined) {
      const addresses = this.fromDocker(query);
      if (addresses) return { status: 'NOERROR', name: query, addresses };
      return { status: 'NXDOMAIN', name: query, tried: [query], note: nodeResolver };
    }
    const dots = query.split('.').length - 1;
    const expanded = searchSuffixes(from.namespace).map((suffix) => `${query}.${suffix}`);
    const tried = absolute ? [query] : dots >= ndots ? [query, ...expanded] : [...expanded, query];
    for (const candidate of tried) {
      const answer = this.lookup(candidate);
      if (answer) return answer;
    }
    const inCluster = query === clusterDomain || query.endsWith(`.${clusterDomain}`);
    return {
      status: 'NXDOMAIN',
      name: query,
      tried,
      ...(inCluster ? {} : { note: noInternet }),
    };
  }

  /** One query for exactly `fqdn` to the server `from` uses: CoreDNS, or Docker's for a node. */
  query(fqdn: string, from: DnsVantage = {}): DnsAnswer {
    const name = fqdn.toLowerCase().replace(/\.$/, '');
    if (isIPv4(name)) return { status: 'NOERROR', name, addresses: [name] };
    const addresses = from.namespace === undefined ? this.fromDocker(name) : undefined;
    if (addresses) return { status: 'NOERROR', name, addresses };
    const answer = from.namespace === undefined ? undefined : this.lookup(name);
    return answer ?? { status: 'NXDOMAIN', name, tried: [name] };
  }

  /** One fully qualified query to CoreDNS. */
  private lookup(fqdn: string, depth = 0): DnsAnswer | undefined {
    const suffix = `.${clusterDomain}`;
    if (!fqdn.endsWith(suffix)) {
      const addresses = this.fromDocker(fqdn);
      return addresses ? { status: 'NOERROR', name: fqdn, addresses } : undefined;
    }
    const labels = fqdn.slice(0, -suffix.length).split('.');
    if (labels.length === 3 && labels[2] === 'pod') {
      const ip = labels[0]!.replace(/-/g, '.');
      return isIPv4(ip) ? { status: 'NOERROR', name: fqdn, addresses: [ip] } : undefined;
    }
    if (labels.length === 3 && labels[2] === 'svc') {
      return this.serviceRecord(fqdn, labels[1]!, labels[0]!, depth);
    }
    if (labels.length === 4 && labels[3] === 'svc') {
      const [host, service, namespace] = labels as [string, string, string];
      const ip = this.readyEndpoints(namespace, service).find(
        (e) => e.hostname === host || e.ip.replace(/\./g, '-') === host,
      )?.ip;
      const headless = this.isHeadless(this.service(namespace, service));
      return headless && ip ? { status: 'NOERROR', name: fqdn, addresses: [ip] } : undefined;
    }
    return undefined;
  }

  private serviceRecord(
    fqdn: string,
    namespace: string,
    name: string,
    depth: number,
  ): DnsAnswer | undefined {
    const service = this.service(namespace, name);
    if (!service) return undefined;
    if (service.spec?.type === 'ExternalName') {
      const target = String(service.spec.externalName ?? '')
        .toLowerCase()
        .replace(/\.$/, '');
      // CoreDNS follows the alias when it can; a loop of aliases ends with nothing.
      const resolved = depth < 8 ? this.lookup(target, depth + 1) : undefined;
      const addresses = resolved?.status === 'NOERROR' ? resolved.addresses : [];
      return {
        status: 'NOERROR',
        name: fqdn,
        cname: target,
        addresses,
        ...(addresses.length === 0 ? { note: noInternet } : {}),
      };
    }
    if (this.isHeadless(service)) {
      const ips = [...new Set(this.readyEndpoints(namespace, name).map((e) => e.ip))];
      return ips.length > 0 ? { status: 'NOERROR', name: fqdn, addresses: ips } : undefined;
    }
    const ips: string[] = service.spec?.clusterIPs ?? [service.spec?.clusterIP];
    return { status: 'NOERROR', name: fqdn, addresses: ips.filter(Boolean) };
  }

  private service(namespace: string, name: string): Readonly<KubeObject> | undefined {
    return this.store.peek('/services', namespace, name);
  }

  private isHeadless(service: Readonly<KubeObject> | undefined): boolean {
    return !!service && service.spec?.type !== 'ExternalName' && service.spec?.clusterIP === 'None';
  }

  /** Addresses CoreDNS publishes for a headless Service: its slices' ready endpoints. */
  private readyEndpoints(namespace: string, name: string): { ip: string; hostname?: string }[] {
    return this.services.slicesOf(namespace, name).flatMap((slice) =>
      ((slice.endpoints ?? []) as Json[])
        .filter((e) => e.conditions?.ready !== false && e.addresses?.[0])
        .map((e) => ({
          ip: String(e.addresses[0]),
          ...(e.hostname ? { hostname: e.hostname } : {}),
        })),
    );
  }

  /** Docker's embedded DNS on the kind network: the node containers by name. */
  private fromDocker(name: string): string[] | undefined {
    if (name === 'localhost') return ['127.0.0.1'];
    const ip = nodeAddress(this.store, name);
    return ip ? [ip] : undefined;
  }
}

/** Whose resolver a pod uses, by its dnsPolicy (ClusterFirst unless it says otherwise). */
export function dnsVantageOf(pod: Readonly<KubeObject>): DnsVantage {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const clusterFirst =
    policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec?.hostNetwork);
  return clusterFirst ? { namespace: pod.metadata.namespace! } : {};
}

function isIPv4(value: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(value);
}

/**
 * The `inspect --json` schema, version 1. Scripts may rely on every field documented here:
 * fields are only ever added within a schema version; a rename or removal bumps
 * `schemaVersion`. docs/inspect-json.md shows an example document.
 */
export interface InspectReport {
  schemaVersion: 1;
  /** The kubeconfig context inspected, and its API server URL. */
  context: string;
  server: string;
  /** `namespace` is absent when every namespace was inspected (`-A`). */
  scope: { allNamespaces: boolean; namespace?: string };
  /** Kinds the report could not see (RBAC refusal, API not served); their parts are missing. */
  unseen: Unseen[];
  /** Every Service in scope, sorted by namespace then name. */
  services: ServiceReport[];
  /** Problems of objects other than Services (Ingresses, HTTPRoutes), sorted by object. */
  findings: Diagnosis[];
  /** How many diagnoses there are of each severity, Services' and findings' together. */
  totals: Record<Severity, number>;
}

export interface Unseen {
  /** The resource as the API names it: `pods`, `ingresses.networking.k8s.io`. */
  resource: string;
  /** `Forbidden` (RBAC) or `NotFound` (the API is not served, e.g. no Gateway API). */
  reason: string;
  /** The server's message. */
  message: string;
  /** What the report lacks because of it. */
  consequence: string;
}

export type Severity = 'error' | 'warning' | 'note';

/** Stable identifiers of the diagnoses; new ones may be added within schema version 1. */
export type DiagnosisId =
  | 'selector-matches-no-pods'
  | 'no-ready-pods'
  | 'target-port-not-declared'
  | 'named-target-port-missing'
  | 'route-to-missing-service'
  | 'route-to-missing-port'
  | 'ingress-without-class'
  | 'load-balancer-pending'
  | 'local-traffic-nodes-without-endpoints'
  | 'port-open-on-every-node'
  | 'deprecated-external-ips'
  | 'deprecated-ingress-class-annotation';

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

/**
 * One finding. `error`: traffic cannot get through; `warning`: it gets through only partly or
 * relies on something deprecated or pending; `note`: worth knowing (security), not a fault.
 * A healthy Service has no `error` or `warning`.
 */
export interface Diagnosis {
  id: DiagnosisId;
  severity: Severity;
  object: ObjectRef;
  /** One sentence: what is wrong. */
  summary: string;
  /** Facts read from the cluster that show it, one per line. */
  evidence: string[];
  /** What to change. */
  fix: string;
}

export interface ServiceReport {
  namespace: string;
  name: string;
  /** ClusterIP, NodePort, LoadBalancer or ExternalName. */
  type: string;
  /** `spec.clusterIPs`; `["None"]` for a headless Service, `[]` for ExternalName. */
  clusterIPs: string[];
  headless: boolean;
  /** `spec.selector`; null when the Service has none (endpoints managed by hand). */
  selector: Record<string, string> | null;
  ports: ServicePortReport[];
  external: {
    /** Load balancer addresses from `status.loadBalancer.ingress` (IPs and hostnames). */
    loadBalancer: string[];
    /** True for a LoadBalancer Service with no address yet (`<pending>`). */
    loadBalancerPending: boolean;
    externalIPs: string[];
    externalName?: string;
  };
  trafficPolicy: { external?: string; internal?: string };
  sessionAffinity: { type: string; timeoutSeconds?: number };
  /** Null when EndpointSlices could not be read. */
  endpoints: EndpointReport[] | null;
  endpointCounts: { ready: number; notReady: number; terminating: number } | null;
  /** Pods the selector matches (null when Pods could not be read or there is no selector). */
  matchingPods: { total: number; ready: number } | null;
  routes: RouteReport[];
  /** How to reach it from where, as copyable commands. */
  reach: ReachReport[];
  diagnoses: Diagnosis[];
}

export interface ServicePortReport {
  name?: string;
  protocol: string;
  port: number;
  /** A number, or the name of a container port. */
  targetPort: number | string;
  nodePort?: number;
}

export interface EndpointReport {
  address: string;
  /** `port/protocol` of each slice port, e.g. `8080/TCP`. */
  ports: string[];
  state: 'ready' | 'notReady' | 'terminating';
  pod?: string;
  node?: string;
}

export interface RouteReport {
  kind: 'Ingress' | 'HTTPRoute';
  namespace: string;
  name: string;
  /** `*` when the rule has no host. */
  host: string;
  path: string;
  /** The Service port the route sends to (number or name, as written). */
  servicePort: number | string;
  /** Gateways (`namespace/name`) an HTTPRoute attaches to. */
  gateways?: string[];
  /** The address traffic enters by (Ingress or Gateway status), if it has one. */
  address?: string;
  /** The URL a client uses, when the route has an address. */
  url?: string;
}

export interface ReachReport {
  /** `pod`: from inside the cluster; `node`: from a node or the node network; `outside`. */
  from: 'pod' | 'node' | 'outside';
  /** What the command goes through: `cluster DNS`, `node port`, `load balancer`, `ingress`… */
  via: string;
  target: string;
  command: string;
}

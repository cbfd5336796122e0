import type { Json, KubeObject } from '../api/kube-object.ts';

/** Service spec helpers shared by defaulting, validation and allocation. */

export const clusterIPNone = 'None';

export function specOf(service: KubeObject): Json {
  if (typeof service.spec !== 'object' || service.spec === null || Array.isArray(service.spec))
    service.spec = {};
  return service.spec;
}

export function portsOf(spec: Json): Json[] {
  return Array.isArray(spec.ports)
    ? spec.ports.filter((p: unknown) => typeof p === 'object' && p !== null)
    : [];
}

export function needsClusterIP(spec: Json | undefined): boolean {
  return spec?.type !== 'ExternalName';
}

export function needsNodePort(spec: Json | undefined): boolean {
  return spec?.type === 'NodePort' || spec?.type === 'LoadBalancer';
}

/** NodePort, LoadBalancer, or ClusterIP with external IPs: what `externalTrafficPolicy` is for. */
export function externallyAccessible(spec: Json | undefined): boolean {
  return (
    needsNodePort(spec) ||
    (spec?.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0)
  );
}

/** LoadBalancer with `externalTrafficPolicy: Local` gets a health-check node port. */
export function needsHealthCheck(spec: Json | undefined): boolean {
  return spec?.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
}

export function isHeadless(spec: Json): boolean {
  return (
    Array.isArray(spec.clusterIPs) && spec.clusterIPs.length === 1 && spec.clusterIPs[0] === 'None'
  );
}

/** `SetDefaults_Service` from pkg/apis/core/v1/defaults.go. */
export function defaultServiceSpec(spec: Json): void {
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (
    spec.sessionAffinity === 'ClientIP' &&
    spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null
  )
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
  if (!spec.type) spec.type = 'ClusterIP';
  for (const port of portsOf(spec)) {
    if (!port.protocol) port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '')
      port.targetPort = port.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy)
    spec.externalTrafficPolicy = 'Cluster';
  if (
    spec.internalTrafficPolicy == null &&
    ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)
  )
    spec.internalTrafficPolicy = 'Cluster';
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null)
    spec.allocateLoadBalancerNodePorts = true;
}

/**
 * Keeps `clusterIP` and `clusterIPs` in step (`NormalizeClusterIPs`): old clients set only the
 * singular field, and a PUT that omits the plural must not look like a change.
 */
export function normalizeClusterIPs(spec: Json, old: Json | undefined): void {
  const ips = (s: Json | undefined): string[] => (Array.isArray(s?.clusterIPs) ? s.clusterIPs : []);
  if (!old) {
    if (spec.clusterIP && ips(spec).length === 0) spec.clusterIPs = [spec.clusterIP];
    return;
  }
  if (
    ips(old).length > 0 &&
    ips(spec).length === 0 &&
    (old.clusterIP ?? '') === (spec.clusterIP ?? '')
  )
    spec.clusterIPs = old.clusterIPs;
  if ((old.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    const sameList = sameStrings(ips(old), ips(spec));
    if (old.clusterIP && !spec.clusterIP) {
      if (sameList) delete spec.clusterIPs;
    } else if (sameList) {
      spec.clusterIPs = [spec.clusterIP];
    }
  }
}

/**
 * `patchAllocatedValues`: a client that resubmits the YAML it created from (no clusterIP, no
 * nodePort) keeps what the server allocated instead of asking for new values.
 */
export function patchAllocatedValues(spec: Json, old: Json): void {
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
    if ((!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0) && old.clusterIPs?.length)
      spec.clusterIPs = [...old.clusterIPs];
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const usedInBoth = new Set(
      nodePortNumbers(old).filter((port) => nodePortNumbers(spec).includes(port)),
    );
    const byName = new Map<string, number>();
    for (const port of portsOf(old)) byName.set(port.name ?? '', port.nodePort ?? 0);
    for (const port of portsOf(spec)) {
      if (port.nodePort) continue;
      const previous = byName.get(port.name ?? '');
      if (previous && !usedInBoth.has(previous)) port.nodePort = previous;
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(spec) && !spec.healthCheckNodePort)
    spec.healthCheckNodePort = old.healthCheckNodePort;
}

/**
 * `dropTypeDependentFields`: on a type change, clears what the old type needed and the user did
 * not touch (the allocated cluster IP when turning into ExternalName, node ports when going
 * back to ClusterIP, …), so `kubectl patch -p '{"spec":{"type":"ClusterIP"}}'` just works.
 */
export function dropTypeDependentFields(spec: Json, old: Json): void {
  if (needsClusterIP(old) && !needsClusterIP(spec)) {
    if (
      sameStrings(old.clusterIPs ?? [], spec.clusterIPs ?? []) &&
      old.clusterIP === spec.clusterIP
    ) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameStrings(old.ipFamilies ?? [], spec.ipFamilies ?? [])) delete spec.ipFamilies;
    if (old.ipFamilyPolicy === spec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(spec) && sameNodePorts(old, spec)) {
    for (const port of portsOf(spec)) delete port.nodePort;
  }
  if (
    needsHealthCheck(old) &&
    !needsHealthCheck(spec) &&
    old.healthCheckNodePort === spec.healthCheckNodePort
  )
    delete spec.healthCheckNodePort;
  if (
    old.type === 'LoadBalancer' &&
    spec.type !== 'LoadBalancer' &&
    spec.allocateLoadBalancerNodePorts != null &&
    old.allocateLoadBalancerNodePorts === spec.allocateLoadBalancerNodePorts
  )
    delete spec.allocateLoadBalancerNodePorts;
  if (
    old.type === 'LoadBalancer' &&
    spec.type !== 'LoadBalancer' &&
    old.loadBalancerClass === spec.loadBalancerClass
  )
    delete spec.loadBalancerClass;
  if (
    externallyAccessible(old) &&
    !externallyAccessible(spec) &&
    old.externalTrafficPolicy === spec.externalTrafficPolicy
  )
    delete spec.externalTrafficPolicy;
}

function nodePortNumbers(spec: Json): number[] {
  return portsOf(spec)
    .map((port) => port.nodePort)
    .filter((port): port is number => typeof port === 'number' && port !== 0);
}

/** Users may add, remove or change ports while switching type, as long as no node port is new. */
function sameNodePorts(old: Json, spec: Json): boolean {
  const before = new Set(nodePortNumbers(old));
  return nodePortNumbers(spec).every((port) => before.has(port));
}

export function sameStrings(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

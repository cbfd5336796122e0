import type { Json, KubeObject } from '../sandbox/api/kube-object.ts';
import type { ClusterSnapshot } from './collect-objects.ts';
import type {
  Diagnosis,
  InspectReport,
  ServicePortReport,
  ServiceReport,
  Severity,
} from './inspect-report.ts';
import { PodIndex } from './pod-index.ts';
import { reachCommands } from './reach-commands.ts';
import { linkRoutes } from './routes-into-services.ts';
import { diagnoseService } from './service-diagnoses.ts';
import { endpointsOf, slicesByService } from './service-endpoints.ts';

export interface ReportTarget {
  context: string;
  server: string;
  /** Undefined: every namespace. */
  namespace: string | undefined;
}

/** The whole report from what was read: pure, so it is tested on fixtures. */
export function buildReport(snapshot: ClusterSnapshot, target: ReportTarget): InspectReport {
  const services = [...snapshot.services].sort(byNamespaceAndName);
  const serviceMap = new Map(services.map((service) => [keyOf(service), service]));
  const servicesSeen = !snapshot.unseen.some((unseen) => unseen.resource === 'services');
  const links = linkRoutes({
    services: serviceMap,
    servicesSeen,
    ingresses: snapshot.ingresses ?? [],
    ingressClasses: snapshot.ingressClasses,
    httpRoutes: snapshot.httpRoutes ?? [],
    gateways: snapshot.gateways,
  });
  const pods = snapshot.pods ? new PodIndex(snapshot.pods) : null;
  const slices = snapshot.endpointSlices ? slicesByService(snapshot.endpointSlices) : null;
  const nodes = snapshot.nodes?.map((node) => ({
    name: node.metadata.name ?? '',
    address: (node.status?.addresses as Json[] | undefined)?.find(
      (address) => address.type === 'InternalIP',
    )?.address as string | undefined,
  }));
  const reports = services.map((service) =>
    serviceReport(service, {
      context: target.context,
      pods,
      slices,
      nodes: nodes ?? null,
      routes: links.byService.get(keyOf(service)) ?? [],
    }),
  );
  const findings = links.findings.sort((a, b) =>
    `${a.object.namespace}/${a.object.name}`.localeCompare(
      `${b.object.namespace}/${b.object.name}`,
    ),
  );
  const totals: Record<Severity, number> = { error: 0, warning: 0, note: 0 };
  for (const diagnosis of [...reports.flatMap((report) => report.diagnoses), ...findings])
    totals[diagnosis.severity]++;
  return {
    schemaVersion: 1,
    context: target.context,
    server: target.server,
    scope:
      target.namespace === undefined
        ? { allNamespaces: true }
        : { allNamespaces: false, namespace: target.namespace },
    unseen: snapshot.unseen,
    services: reports,
    findings,
    totals,
  };
}

function serviceReport(
  service: KubeObject,
  input: {
    context: string;
    pods: PodIndex | null;
    slices: Map<string, KubeObject[]> | null;
    nodes: { name: string; address?: string }[] | null;
    routes: ServiceReport['routes'];
  },
): ServiceReport {
  const spec = service.spec ?? {};
  const namespace = service.metadata.namespace ?? '';
  const type: string = spec.type ?? 'ClusterIP';
  const selector: Record<string, string> | null =
    spec.selector && Object.keys(spec.selector).length > 0 ? spec.selector : null;
  const ports: ServicePortReport[] = ((spec.ports ?? []) as Json[]).map((port) => ({
    ...(port.name ? { name: port.name } : {}),
    protocol: port.protocol ?? 'TCP',
    port: port.port,
    targetPort: port.targetPort ?? port.port,
    ...(port.nodePort !== undefined ? { nodePort: port.nodePort } : {}),
  }));
  const loadBalancer = ((service.status?.loadBalancer?.ingress ?? []) as Json[])
    .map((entry) => entry.ip ?? entry.hostname)
    .filter(Boolean) as string[];
  const endpoints =
    type === 'ExternalName' || !input.slices
      ? type === 'ExternalName'
        ? []
        : null
      : endpointsOf(input.slices.get(keyOf(service)) ?? []);
  const matchingPods =
    selector && input.pods && type !== 'ExternalName'
      ? input.pods.matching(namespace, selector)
      : null;
  const diagnoses: Diagnosis[] = diagnoseService({
    service,
    matchingPods,
    endpoints,
    nodes: input.nodes,
    loadBalancer,
  });
  const localOnly = spec.externalTrafficPolicy === 'Local' && endpoints;
  const readyNodes = localOnly
    ? new Set(endpoints.filter((e) => e.state === 'ready').map((e) => e.node))
    : undefined;
  const nodeAddresses = input.nodes
    ? input.nodes
        .filter((node) => !readyNodes || readyNodes.has(node.name))
        .map((node) => node.address ?? node.name)
    : null;
  return {
    namespace,
    name: service.metadata.name ?? '',
    type,
    clusterIPs:
      type === 'ExternalName' ? [] : (spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])),
    headless: spec.clusterIP === 'None',
    selector,
    ports,
    external: {
      loadBalancer,
      loadBalancerPending: type === 'LoadBalancer' && loadBalancer.length === 0,
      externalIPs: spec.externalIPs ?? [],
      ...(spec.externalName ? { externalName: spec.externalName } : {}),
    },
    trafficPolicy: {
      ...(spec.externalTrafficPolicy ? { external: spec.externalTrafficPolicy } : {}),
      ...(spec.internalTrafficPolicy ? { internal: spec.internalTrafficPolicy } : {}),
    },
    sessionAffinity: {
      type: spec.sessionAffinity ?? 'None',
      ...(spec.sessionAffinity === 'ClientIP'
        ? { timeoutSeconds: spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800 }
        : {}),
    },
    endpoints,
    endpointCounts: endpoints
      ? {
          ready: endpoints.filter((e) => e.state === 'ready').length,
          notReady: endpoints.filter((e) => e.state === 'notReady').length,
          terminating: endpoints.filter((e) => e.state === 'terminating').length,
        }
      : null,
    matchingPods: matchingPods
      ? {
          total: matchingPods.length,
          ready: matchingPods.filter(
            (pod) =>
              !pod.metadata.deletionTimestamp &&
              (pod.status?.conditions ?? []).some(
                (c: Json) => c.type === 'Ready' && c.status === 'True',
              ),
          ).length,
        }
      : null,
    routes: input.routes,
    reach: reachCommands({
      service,
      ports,
      context: input.context,
      nodeAddresses,
      loadBalancer,
      routes: input.routes,
    }),
    diagnoses,
  };
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  return keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0;
}

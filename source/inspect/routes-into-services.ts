import type { Json, KubeObject } from '../sandbox/api/kube-object.ts';
import type { Diagnosis, RouteReport } from './inspect-report.ts';

export interface RouteLinks {
  /** Routes by the `namespace/name` of the Service they send to. */
  byService: Map<string, RouteReport[]>;
  findings: Diagnosis[];
}

interface Backend {
  host: string;
  path: string;
  serviceNamespace: string;
  serviceName: string;
  port: number | string | undefined;
  /** Where the backend is written, for evidence: `rules[0].http.paths[1]`. */
  field: string;
}

const classAnnotation = 'kubernetes.io/ingress.class';
const defaultClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';

/**
 * Follows Ingress rules and HTTPRoute backendRefs to their Services. A backend whose Service or
 * port does not exist becomes a finding instead of a route (when Services could be read).
 */
export function linkRoutes(input: {
  services: Map<string, KubeObject>;
  servicesSeen: boolean;
  ingresses: readonly KubeObject[];
  ingressClasses: readonly KubeObject[] | null;
  httpRoutes: readonly KubeObject[];
  gateways: readonly KubeObject[] | null;
}): RouteLinks {
  const links: RouteLinks = { byService: new Map(), findings: [] };
  const hasDefaultClass = input.ingressClasses?.some(
    (ingressClass) => ingressClass.metadata.annotations?.[defaultClassAnnotation] === 'true',
  );
  for (const ingress of input.ingresses) {
    const ref = refOf(ingress);
    const annotationClass = ingress.metadata.annotations?.[classAnnotation];
    if (annotationClass !== undefined) {
      links.findings.push({
        id: 'deprecated-ingress-class-annotation',
        severity: 'warning',
        object: ref,
        summary: `Ingress ${ref.namespace}/${ref.name} names its class with the deprecated annotation ${classAnnotation}.`,
        evidence: [`metadata.annotations["${classAnnotation}"]: "${annotationClass}"`],
        fix: `Set spec.ingressClassName: ${annotationClass} and remove the annotation.`,
      });
    }
    if (!ingress.spec?.ingressClassName && annotationClass === undefined && input.ingressClasses) {
      if (!hasDefaultClass) {
        const classes = input.ingressClasses.map((c) => c.metadata.name).join(', ') || 'none';
        links.findings.push({
          id: 'ingress-without-class',
          severity: 'error',
          object: ref,
          summary: `Ingress ${ref.namespace}/${ref.name} has no class and the cluster has no default IngressClass, so no controller serves it.`,
          evidence: [
            'spec.ingressClassName is not set (nor the kubernetes.io/ingress.class annotation)',
            `IngressClasses: ${classes}; none is annotated ${defaultClassAnnotation}: "true"`,
          ],
          fix: `Set spec.ingressClassName to one of the IngressClasses (${classes}), or mark one as the default.`,
        });
      }
    }
    const address = loadBalancerAddress(ingress);
    const tlsHosts = new Set<string>(
      (ingress.spec?.tls ?? []).flatMap((tls: Json) => (tls.hosts ?? []) as string[]),
    );
    for (const backend of ingressBackends(ingress)) {
      const route = checkBackend(input, links, ingress, backend);
      if (!route) continue;
      const secure = tlsHosts.has(backend.host);
      add(links, backend, {
        ...route,
        ...(address
          ? { address, url: urlOf(secure, backend.host, address, undefined, backend.path) }
          : {}),
      });
    }
  }
  const gateways = new Map((input.gateways ?? []).map((gateway) => [keyOf(gateway), gateway]));
  for (const route of input.httpRoutes) {
    const parents = ((route.spec?.parentRefs ?? []) as Json[]).filter(
      (parent) => (parent.kind ?? 'Gateway') === 'Gateway',
    );
    const parentKeys = parents.map(
      (parent) => `${parent.namespace ?? route.metadata.namespace}/${parent.name}`,
    );
    const entry = firstEntrance(parents, parentKeys, gateways);
    for (const backend of httpRouteBackends(route)) {
      const linked = checkBackend(input, links, route, backend);
      if (!linked) continue;
      add(links, backend, {
        ...linked,
        gateways: parentKeys,
        ...(entry
          ? {
              address: entry.address,
              url: urlOf(entry.secure, backend.host, entry.address, entry.port, backend.path),
            }
          : {}),
      });
    }
  }
  return links;
}

function add(links: RouteLinks, backend: Backend, route: RouteReport): void {
  const key = `${backend.serviceNamespace}/${backend.serviceName}`;
  let routes = links.byService.get(key);
  if (!routes) {
    routes = [];
    links.byService.set(key, routes);
  }
  routes.push(route);
}

/** The route's fields, or undefined (and a finding) when its Service or port is missing. */
function checkBackend(
  input: { services: Map<string, KubeObject>; servicesSeen: boolean },
  links: RouteLinks,
  owner: KubeObject,
  backend: Backend,
): RouteReport | undefined {
  const ref = refOf(owner);
  const route: RouteReport = {
    kind: owner.kind as 'Ingress' | 'HTTPRoute',
    namespace: owner.metadata.namespace ?? '',
    name: owner.metadata.name ?? '',
    host: backend.host,
    path: backend.path,
    servicePort: backend.port ?? '',
  };
  const service = input.services.get(`${backend.serviceNamespace}/${backend.serviceName}`);
  const target = `${backend.field} → Service "${backend.serviceName}" port ${backend.port ?? '(none)'}`;
  if (!service) {
    if (!input.servicesSeen) return route;
    links.findings.push({
      id: 'route-to-missing-service',
      severity: 'error',
      object: ref,
      summary: `${ref.kind} ${ref.namespace}/${ref.name} sends ${backend.host}${backend.path} to Service "${backend.serviceName}", which does not exist in namespace "${backend.serviceNamespace}".`,
      evidence: [
        target,
        `no Service "${backend.serviceName}" in namespace "${backend.serviceNamespace}"`,
      ],
      fix: `Create the Service "${backend.serviceName}", or point ${backend.field} at an existing Service.`,
    });
    return undefined;
  }
  const ports = (service.spec?.ports ?? []) as Json[];
  const found = ports.some((port) =>
    typeof backend.port === 'number' ? port.port === backend.port : port.name === backend.port,
  );
  if (!found) {
    const offered = ports
      .map((port) => `${port.name ? `${port.name}=` : ''}${port.port}`)
      .join(', ');
    links.findings.push({
      id: 'route-to-missing-port',
      severity: 'error',
      object: ref,
      summary: `${ref.kind} ${ref.namespace}/${ref.name} sends ${backend.host}${backend.path} to port ${backend.port ?? '(none)'} of Service "${backend.serviceName}", which has no such port.`,
      evidence: [target, `Service "${backend.serviceName}" ports: ${offered || 'none'}`],
      fix: `Use one of the Service's ports (${offered || 'none'}) in ${backend.field}, or add the port to the Service.`,
    });
    return undefined;
  }
  return route;
}

function ingressBackends(ingress: KubeObject): Backend[] {
  const namespace = ingress.metadata.namespace ?? '';
  const backends: Backend[] = [];
  const fromService = (service: Json | undefined, host: string, path: string, field: string) => {
    if (!service?.name) return;
    backends.push({
      host,
      path,
      serviceNamespace: namespace,
      serviceName: service.name,
      port: service.port?.number ?? service.port?.name,
      field: `${field}.backend.service`,
    });
  };
  const defaultBackend = ingress.spec?.defaultBackend;
  if (defaultBackend?.service)
    backends.push({
      host: '*',
      path: '/',
      serviceNamespace: namespace,
      serviceName: defaultBackend.service.name,
      port: defaultBackend.service.port?.number ?? defaultBackend.service.port?.name,
      field: 'spec.defaultBackend.service',
    });
  ((ingress.spec?.rules ?? []) as Json[]).forEach((rule, r) => {
    ((rule.http?.paths ?? []) as Json[]).forEach((path, p) => {
      fromService(
        path.backend?.service,
        rule.host ?? '*',
        path.path ?? '/',
        `spec.rules[${r}].http.paths[${p}]`,
      );
    });
  });
  return backends;
}

function httpRouteBackends(route: KubeObject): Backend[] {
  const namespace = route.metadata.namespace ?? '';
  const hostnames: string[] = route.spec?.hostnames?.length ? route.spec.hostnames : ['*'];
  const backends: Backend[] = [];
  ((route.spec?.rules ?? []) as Json[]).forEach((rule, r) => {
    const paths: string[] = rule.matches?.length
      ? (rule.matches as Json[]).map((match) => match.path?.value ?? '/')
      : ['/'];
    ((rule.backendRefs ?? []) as Json[]).forEach((ref, b) => {
      if ((ref.kind ?? 'Service') !== 'Service' || (ref.group ?? '') !== '') return;
      for (const host of hostnames)
        for (const path of paths)
          backends.push({
            host,
            path,
            serviceNamespace: ref.namespace ?? namespace,
            serviceName: ref.name,
            port: ref.port,
            field: `spec.rules[${r}].backendRefs[${b}]`,
          });
    });
  });
  return backends;
}

/** The first parent Gateway with an address, and the listener port the route uses on it. */
function firstEntrance(
  parents: Json[],
  parentKeys: string[],
  gateways: Map<string, KubeObject>,
): { address: string; port: number; secure: boolean } | undefined {
  for (let i = 0; i < parents.length; i++) {
    const gateway = gateways.get(parentKeys[i]!);
    const address = gateway?.status?.addresses?.[0]?.value as string | undefined;
    if (!gateway || !address) continue;
    const listeners = (gateway.spec?.listeners ?? []) as Json[];
    const parent = parents[i]!;
    const listener = parent.sectionName
      ? listeners.find((candidate) => candidate.name === parent.sectionName)
      : listeners.find(
          (candidate) => candidate.protocol === 'HTTP' || candidate.protocol === 'HTTPS',
        );
    const port = (parent.port ?? listener?.port ?? 80) as number;
    return { address, port, secure: listener?.protocol === 'HTTPS' };
  }
  return undefined;
}

function urlOf(
  secure: boolean,
  host: string,
  address: string,
  port: number | undefined,
  path: string,
): string {
  const scheme = secure ? 'https' : 'http';
  const defaultPort = secure ? 443 : 80;
  const portPart = port && port !== defaultPort ? `:${port}` : '';
  const name = host === '*' || host.startsWith('*.') ? address : host;
  return `${scheme}://${name}${portPart}${path.startsWith('/') ? path : `/${path}`}`;
}

export function loadBalancerAddress(object: KubeObject): string | undefined {
  const first = object.status?.loadBalancer?.ingress?.[0];
  return first?.ip ?? first?.hostname;
}

function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function refOf(object: KubeObject): { kind: string; namespace: string; name: string } {
  return {
    kind: object.kind,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name ?? '',
  };
}

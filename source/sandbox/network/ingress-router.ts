import { createHash } from 'node:crypto';
import type { Json, KubeObject } from '../api/kube-object.ts';
import { defaultGatewayClassName, defaultIngressClassName } from '../cluster/topology.ts';
import { gatewayGroup } from '../controllers/cloud-provider/gateway-world.ts';
import { type GatewayProxyConfig, gatewayProxyConfig } from './gateway-router.ts';

/**
 * cloud-provider-kind's Ingress controller (pkg/ingress) is a translator, not a proxy: each
 * namespace with Ingresses of its class gets one Gateway, `kind-ingress-gateway`, and each
 * Ingress becomes HTTPRoutes attached to it — one per host, plus one without hostnames for the
 * default backend. The gateway's Envoy then routes by Gateway API rules. This file does that
 * translation in memory, so the Ingress data path is exactly the gateway data path.
 *
 * Consequences a learner can observe, as on kind: a `*.example.com` host matches any depth of
 * subdomain (Gateway API, not Ingress, semantics); a request for a host that has rules but no
 * matching path gets 404, not the default backend; a backend Service that does not exist gets
 * 500 from Envoy.
 */

export const ingressGatewayName = 'kind-ingress-gateway';
const defaultClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';

/** Is our IngressClass marked as the cluster's default? */
export function ourClassIsDefault(ourClass: Readonly<KubeObject> | undefined): boolean {
  return ourClass?.metadata.annotations?.[defaultClassAnnotation] === 'true';
}

/** An Ingress is ours when it names our class, or names none while ours is the default. */
export function servedByUs(ingress: Readonly<KubeObject>, ourClassDefault: boolean): boolean {
  const className = ingress.spec?.ingressClassName;
  if (className != null) return className === defaultIngressClassName;
  return ourClassDefault;
}

export interface IngressWorld {
  namespace: string;
  /** Our Ingresses in the namespace. */
  ingresses: readonly Readonly<KubeObject>[];
  service(namespace: string, name: string): Readonly<KubeObject> | undefined;
  secret(namespace: string, name: string): Readonly<KubeObject> | undefined;
  now: string;
}

/** The namespace's Gateway and the HTTPRoutes its Ingresses become. */
export function translateIngresses(world: IngressWorld): {
  gateway: KubeObject;
  routes: KubeObject[];
} {
  const secretNames = new Set<string>();
  for (const ingress of world.ingresses) {
    for (const tls of (ingress.spec?.tls ?? []) as Json[]) {
      if (tls.secretName) secretNames.add(tls.secretName);
    }
  }
  const sameNamespace = { namespaces: { from: 'Same' } };
  const listeners: Json[] = [
    { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: sameNamespace },
  ];
  if (secretNames.size > 0) {
    listeners.push({
      name: 'https',
      port: 443,
      protocol: 'HTTPS',
      allowedRoutes: sameNamespace,
      tls: {
        mode: 'Terminate',
        certificateRefs: [...secretNames].sort().map((name) => ({ name })),
      },
    });
  }
  const gateway: KubeObject = {
    apiVersion: `${gatewayGroup}/v1`,
    kind: 'Gateway',
    metadata: { name: ingressGatewayName, namespace: world.namespace, generation: 1 },
    spec: { gatewayClassName: defaultGatewayClassName, listeners },
  };
  const routes = world.ingresses.flatMap((ingress) => ingressRoutes(world, ingress));
  return { gateway, routes };
}

/** The proxy configuration of the namespace's ingress gateway. */
export function ingressProxyConfig(world: IngressWorld): GatewayProxyConfig {
  const { gateway, routes } = translateIngresses(world);
  return gatewayProxyConfig({
    gateway,
    routes,
    serviceExists: (namespace, name) => world.service(namespace, name) !== undefined,
    secret: world.secret,
    namespaceLabels: () => ({}),
    referenceGrants: () => [],
    address: undefined,
    now: world.now,
  });
}

class TranslationError extends Error {}

/**
 * One Ingress's HTTPRoutes. An Ingress that cannot be translated (a named backend port the
 * Service lacks, a backend that is not a Service) gets none, as the controller keeps failing
 * to sync it.
 */
function ingressRoutes(world: IngressWorld, ingress: Readonly<KubeObject>): KubeObject[] {
  try {
    return translateIngress(world, ingress);
  } catch (error) {
    if (error instanceof TranslationError) return [];
    throw error;
  }
}

function translateIngress(world: IngressWorld, ingress: Readonly<KubeObject>): KubeObject[] {
  const namespace = world.namespace;
  const parentRef = {
    name: ingressGatewayName,
    namespace,
    kind: 'Gateway',
    group: gatewayGroup,
  };
  const route = (name: string, hostnames: string[] | undefined, rules: Json[]): KubeObject => ({
    apiVersion: `${gatewayGroup}/v1`,
    kind: 'HTTPRoute',
    metadata: {
      name,
      namespace,
      generation: 1,
      ...(ingress.metadata.creationTimestamp
        ? { creationTimestamp: ingress.metadata.creationTimestamp }
        : {}),
    },
    spec: { parentRefs: [parentRef], ...(hostnames ? { hostnames } : {}), rules },
  });

  // Routes by name: a host listed twice keeps its last rule, as the controller's map does.
  const routes = new Map<string, KubeObject>();
  const defaultPaths: Json[] = [];
  let hasDefaultRule = false;
  for (const rule of (ingress.spec?.rules ?? []) as Json[]) {
    if (!rule.host) {
      if (rule.http) {
        defaultPaths.push(...(rule.http.paths ?? []));
        hasDefaultRule = true;
      }
      continue;
    }
    if (!rule.http) continue;
    const name = routeName(ingress.metadata.name!, rule.host);
    routes.set(name, route(name, [rule.host], translatePaths(world, rule.http.paths ?? [])));
  }
  const defaultName = routeName(ingress.metadata.name!, '');
  if (hasDefaultRule) {
    routes.set(defaultName, route(defaultName, undefined, translatePaths(world, defaultPaths)));
  } else if (ingress.spec?.defaultBackend) {
    const backend = ingress.spec.defaultBackend;
    routes.set(
      defaultName,
      route(defaultName, undefined, [{ backendRefs: [backendRef(world, backend)] }]),
    );
  }
  return [...routes.values()];
}

/** `<ingress>-default-backend`, or `<ingress>-<first 10 hex of sha256(host)>`. */
export function routeName(ingressName: string, host: string): string {
  if (!host) return `${ingressName}-default-backend`;
  return `${ingressName}-${createHash('sha256').update(host).digest('hex').slice(0, 10)}`;
}

/**
 * Ingress paths as route rules, in Ingress precedence: Exact before Prefix, then longer paths
 * first. ImplementationSpecific is treated as Prefix.
 */
function translatePaths(world: IngressWorld, paths: Json[]): Json[] {
  const typeOf = (path: Json): string => path.pathType ?? 'Prefix';
  const ordered = [...paths].sort((a, b) => {
    const exactA = typeOf(a) === 'Exact';
    const exactB = typeOf(b) === 'Exact';
    if (exactA !== exactB) return exactA ? -1 : 1;
    return String(b.path ?? '').length - String(a.path ?? '').length;
  });
  return ordered.map((path) => {
    const type = typeOf(path);
    if (type !== 'Prefix' && type !== 'Exact' && type !== 'ImplementationSpecific') {
      throw new TranslationError(`unsupported path type: ${type}`);
    }
    return {
      matches: [{ path: { type: type === 'Exact' ? 'Exact' : 'PathPrefix', value: path.path } }],
      backendRefs: [backendRef(world, path.backend ?? {})],
    };
  });
}

function backendRef(world: IngressWorld, backend: Json): Json {
  const service: Json | undefined = backend.service;
  if (!service) throw new TranslationError('backend is not a Service');
  return {
    name: service.name,
    kind: 'Service',
    group: '',
    port: resolvePort(world, service),
    weight: 1,
  };
}

/** A numbered port as is; a named one looked up in the Service's ports. */
function resolvePort(world: IngressWorld, backend: Json): number {
  if (backend.port?.number) return backend.port.number;
  const portName: string | undefined = backend.port?.name;
  if (!portName) throw new TranslationError(`backend service ${backend.name} has no port defined`);
  const service = world.service(world.namespace, backend.name);
  if (!service) throw new TranslationError(`failed to get service ${backend.name}`);
  const port = ((service.spec?.ports ?? []) as Json[]).find((p) => p.name === portName);
  if (!port) throw new TranslationError(`port name ${portName} not found`);
  return port.port;
}

import type { Json, KubeObject } from '../api/kube-object.ts';
import { supportedKinds } from '../controllers/cloud-provider/gateway-listeners.ts';
import { computeGatewayStatus } from '../controllers/cloud-provider/gateway-status.ts';
import type { GatewayWorld } from '../controllers/cloud-provider/gateway-world.ts';
import {
  allowedByHostname,
  allowedByListener,
  hostnameWithin,
} from '../controllers/cloud-provider/http-route-attachment.ts';
import { crossNamespaceAllowed } from '../controllers/cloud-provider/reference-grants.ts';
import { conditionStatus } from '../controllers/cloud-provider/status-conditions.ts';
import {
  type HeaderMatch,
  type HeaderMutation,
  type PathMatch,
  type ProxyRoute,
  type RouteAction,
  type RouteMatch,
  type RouteTable,
  sortRoutes,
  type VirtualHost,
  type WeightedCluster,
} from './envoy-route-table.ts';

/**
 * What cloud-provider-kind's gateway controller (pkg/gateway) programs into a Gateway's Envoy:
 * one listener per port, its TLS filter chains, and one route table per port that merges the
 * virtual hosts of every listener on it. Pure: computed from the objects, as the controller
 * translates them.
 */

/** A certificate and key from a `kubernetes.io/tls` Secret, PEM. */
export interface TlsCertificateMaterial {
  /** `namespace/name` of the Secret. */
  secret: string;
  certPem: string;
  keyPem: string;
}

/** An HTTPS listener's filter chain: chosen by SNI among `serverNames` (empty: any). */
export interface TlsFilterChain {
  serverNames: string[];
  certificates: TlsCertificateMaterial[];
}

export interface ProxyPort {
  port: number;
  protocol: 'HTTP' | 'HTTPS';
  routeTable: RouteTable;
  /** HTTPS only. */
  filterChains: TlsFilterChain[];
}

export interface GatewayProxyConfig {
  ports: ProxyPort[];
}

export function gatewayProxyConfig(world: GatewayWorld): GatewayProxyConfig {
  const { gateway } = world;
  const status = computeGatewayStatus(world).status;
  // Envoy is only programmed for an accepted Gateway.
  if (conditionStatus(status.conditions, 'Accepted') !== 'True') return { ports: [] };

  const listeners: Json[] = gateway.spec?.listeners ?? [];
  const routes = attachedRoutes(world);
  const translated = new Map<Readonly<KubeObject>, ProxyRoute[]>();
  const translate = (route: Readonly<KubeObject>) => {
    let result = translated.get(route);
    if (!result) {
      result = translateHttpRoute(world, route);
      translated.set(route, result);
    }
    return result;
  };

  const byPort = new Map<number, Json[]>();
  for (const listener of listeners) {
    byPort.set(listener.port, [...(byPort.get(listener.port) ?? []), listener]);
  }

  const ports: ProxyPort[] = [];
  for (const [port, sharing] of byPort) {
    const virtualHosts = new Map<string, VirtualHost>();
    const filterChains: TlsFilterChain[] = [];
    let anyChain = false;
    for (const listener of sharing) {
      if (!supportedKinds(listener).allValid) continue;
      const listenerStatus = (status.listeners as Json[]).find((l) => l.name === listener.name);
      if (conditionStatus(listenerStatus?.conditions, 'Conflicted') === 'True') continue;
      if (listener.protocol !== 'HTTP' && listener.protocol !== 'HTTPS') continue;

      for (const { route, listenerNames } of routes) {
        if (!listenerNames.has(listener.name)) continue;
        const proxyRoutes = translate(route);
        if (proxyRoutes.length === 0) continue;
        for (const domain of intersectingHostnames(listener, route.spec?.hostnames ?? [])) {
          let virtualHost = virtualHosts.get(domain);
          if (!virtualHost) {
            virtualHost = { domain, routes: [] };
            virtualHosts.set(domain, virtualHost);
          }
          virtualHost.routes.push(...proxyRoutes);
        }
      }

      if (listener.protocol === 'HTTP') {
        anyChain = true;
        continue;
      }
      const certificates = listenerCertificates(world, listener);
      if (!certificates) continue; // The listener is not programmed: no filter chain.
      anyChain = true;
      filterChains.push({
        serverNames: listener.hostname ? [listener.hostname] : [],
        certificates,
      });
    }
    if (!anyChain) continue;
    const routeTable: RouteTable = {
      virtualHosts: [...virtualHosts.values()].map((host) => ({
        ...host,
        routes: sortRoutes(host.routes),
      })),
    };
    // A port whose first listener is HTTP gets one plain filter chain for all its hosts.
    const protocol = sharing[0]?.protocol === 'HTTP' ? 'HTTP' : 'HTTPS';
    if (protocol === 'HTTPS' && filterChains.length === 0) continue;
    ports.push({
      port,
      protocol,
      routeTable,
      filterChains: protocol === 'HTTPS' ? filterChains : [],
    });
  }
  return { ports };
}

interface AttachedRoute {
  route: Readonly<KubeObject>;
  /** The listeners that accepted it. */
  listenerNames: Set<string>;
}

/**
 * HTTPRoutes naming this Gateway, with the listeners each attaches to, oldest first and then by
 * `namespace/name` (Gateway API's tie-break; it decides among otherwise equal routes).
 */
function attachedRoutes(world: GatewayWorld): AttachedRoute[] {
  const { gateway } = world;
  const result: AttachedRoute[] = [];
  for (const route of world.routes) {
    const listenerNames = new Set<string>();
    for (const ref of (route.spec?.parentRefs ?? []) as Json[]) {
      const namespace = ref.namespace ?? route.metadata.namespace;
      if (ref.name !== gateway.metadata.name || namespace !== gateway.metadata.namespace) continue;
      for (const listener of (gateway.spec?.listeners ?? []) as Json[]) {
        if (ref.sectionName != null && ref.sectionName !== listener.name) continue;
        if (ref.port != null && ref.port !== listener.port) continue;
        if (!allowedByListener(world, listener, route)) continue;
        if (!allowedByHostname(listener, route)) continue;
        listenerNames.add(listener.name);
      }
    }
    if (listenerNames.size > 0) result.push({ route, listenerNames });
  }
  const key = (route: Readonly<KubeObject>) =>
    `${route.metadata.creationTimestamp ?? ''} ${route.metadata.namespace}/${route.metadata.name}`;
  return result.sort((a, b) =>
    key(a.route) < key(b.route) ? -1 : key(a.route) > key(b.route) ? 1 : 0,
  );
}

/**
 * The virtual host domains a route gets on a listener: the route's hostnames within the
 * listener's, each narrowed to the more specific of the two; `*` when neither names any.
 */
export function intersectingHostnames(listener: Json, routeHostnames: readonly string[]): string[] {
  const listenerHostname: string | undefined = listener.hostname || undefined;
  if (!listenerHostname) return routeHostnames.length === 0 ? ['*'] : [...new Set(routeHostnames)];
  if (routeHostnames.length === 0) return [listenerHostname];
  const result = new Set<string>();
  for (const hostname of routeHostnames) {
    if (!hostnameWithin(hostname, listenerHostname)) continue;
    const routeWildcard = hostname.startsWith('*');
    result.add(routeWildcard && !listenerHostname.startsWith('*') ? listenerHostname : hostname);
  }
  return [...result];
}

const supportedFilters = new Set(['RequestRedirect', 'RequestHeaderModifier']);

/**
 * An HTTPRoute's rules as Envoy routes. A rule with a filter cloud-provider-kind does not
 * implement is dropped, as is a match it cannot translate. A rule whose backends include an
 * invalid one, or whose backends all weigh 0, answers 500 itself.
 */
export function translateHttpRoute(world: GatewayWorld, route: Readonly<KubeObject>): ProxyRoute[] {
  const result: ProxyRoute[] = [];
  const prefix = `${route.metadata.namespace}-${route.metadata.name}`;
  ((route.spec?.rules ?? []) as Json[]).forEach((rule, ruleIndex) => {
    const filters: Json[] = rule.filters ?? [];
    if (filters.some((filter) => !supportedFilters.has(filter.type))) return;
    let redirect: RouteAction | undefined;
    const requestHeaders: HeaderMutation = { set: [], add: [], remove: [] };
    for (const filter of filters) {
      if (filter.type === 'RequestRedirect' && filter.requestRedirect) {
        redirect = {
          type: 'redirect',
          ...(filter.requestRedirect.hostname ? { hostname: filter.requestRedirect.hostname } : {}),
          status: redirectStatus(filter.requestRedirect.statusCode),
        };
        break; // Only one redirect per rule; filters after it are not read.
      }
      if (filter.type === 'RequestHeaderModifier' && filter.requestHeaderModifier) {
        const modifier = filter.requestHeaderModifier;
        requestHeaders.set.push(...((modifier.set ?? []) as Json[]).map(headerValue));
        requestHeaders.add.push(...((modifier.add ?? []) as Json[]).map(headerValue));
        requestHeaders.remove.push(...((modifier.remove ?? []) as string[]));
      }
    }
    const matches: Json[] = rule.matches?.length ? rule.matches : [{}];
    matches.forEach((match, matchIndex) => {
      const translatedMatch = translateMatch(match);
      if (!translatedMatch) return;
      result.push({
        name: `${prefix}-rule${ruleIndex}-match${matchIndex}`,
        match: translatedMatch,
        action: redirect ?? forwardAction(world, route, rule.backendRefs ?? []),
        requestHeaders,
      });
    });
  });
  return result;
}

function headerValue(header: Json): { name: string; value: string } {
  return { name: String(header.name).toLowerCase(), value: String(header.value ?? '') };
}

function redirectStatus(code: number | undefined): number {
  if (code === undefined || code === null) return 302;
  return [301, 302, 303, 307, 308].includes(code) ? code : 301;
}

function translateMatch(match: Json): RouteMatch | undefined {
  let path: PathMatch = { type: 'Prefix', value: '/' };
  if (match.path) {
    const type = match.path.type ?? 'PathPrefix';
    const value: string | undefined = match.path.value;
    if (value == null) return undefined;
    if (type === 'Exact') path = { type: 'Exact', value };
    else if (type === 'PathPrefix') {
      path =
        value === '/'
          ? { type: 'Prefix', value: '/' }
          : {
              type: 'PathSeparatedPrefix',
              value: value.endsWith('/') ? value.slice(0, -1) : value,
            };
    } else if (type === 'RegularExpression') path = { type: 'RegularExpression', value };
    else return undefined;
  }
  const headers: HeaderMatch[] = [];
  for (const header of (match.headers ?? []) as Json[]) {
    const type = header.type ?? 'Exact';
    if (type !== 'Exact' && type !== 'RegularExpression') return undefined;
    headers.push({ name: String(header.name).toLowerCase(), type, value: String(header.value) });
  }
  // cloud-provider-kind matches every query parameter exactly, whatever its type says.
  const queryParams = ((match.queryParams ?? []) as Json[]).map((param) => ({
    name: String(param.name),
    value: String(param.value),
  }));
  // A `method` match is not translated: cloud-provider-kind's routes match every method.
  return { path, headers, queryParams };
}

/** The rule's backends as weighted clusters, or a 500 when one is invalid or none weighs. */
function forwardAction(
  world: GatewayWorld,
  route: Readonly<KubeObject>,
  backendRefs: Json[],
): RouteAction {
  const routeNamespace = route.metadata.namespace!;
  const clusters: WeightedCluster[] = [];
  for (const ref of backendRefs) {
    const namespace: string = ref.namespace ?? routeNamespace;
    if (
      namespace !== routeNamespace &&
      !crossNamespaceAllowed(world, 'HTTPRoute', routeNamespace, 'Service', ref.name, namespace)
    ) {
      return { type: 'direct', status: 500 };
    }
    if (!world.serviceExists(namespace, ref.name)) return { type: 'direct', status: 500 };
    if (ref.kind != null && ref.kind !== 'Service') return { type: 'direct', status: 500 };
    if (ref.port == null) return { type: 'direct', status: 500 };
    const weight: number = ref.weight ?? 1;
    if (weight === 0) continue;
    const group = ref.group ? ref.group : 'core';
    clusters.push({
      cluster: {
        name: `${namespace}_${ref.name}_${group}_${ref.kind || 'Service'}_${ref.port}`,
        namespace,
        service: ref.name,
        port: ref.port,
      },
      weight,
    });
  }
  return clusters.length === 0 ? { type: 'direct', status: 500 } : { type: 'forward', clusters };
}

/**
 * The certificates of an HTTPS listener, or undefined when Envoy could not be given a TLS
 * context for it (then the listener is not programmed and gets no filter chain).
 */
function listenerCertificates(
  world: GatewayWorld,
  listener: Json,
): TlsCertificateMaterial[] | undefined {
  const refs: Json[] = listener.tls?.certificateRefs ?? [];
  if (!listener.tls || refs.length === 0) return undefined;
  const result: TlsCertificateMaterial[] = [];
  for (const ref of refs) {
    if (ref.group) return undefined;
    if (ref.kind != null && ref.kind !== 'Secret') return undefined;
    const namespace: string = ref.namespace ?? world.gateway.metadata.namespace;
    const secret = world.secret(namespace, ref.name);
    const material = secret && tlsMaterial(secret);
    if (!material) return undefined;
    result.push({ secret: `${namespace}/${ref.name}`, ...material });
  }
  return result;
}

const pemBlock = /-----BEGIN [A-Z0-9 ]+-----[\s\S]+?-----END [A-Z0-9 ]+-----/;

/** `tls.crt` and `tls.key` of a Secret, when both are there and hold a PEM block. */
export function tlsMaterial(
  secret: Readonly<KubeObject>,
): { certPem: string; keyPem: string } | undefined {
  const data: Record<string, string> = secret.data ?? {};
  if (data['tls.key'] === undefined || data['tls.crt'] === undefined) return undefined;
  const keyPem = Buffer.from(data['tls.key'], 'base64').toString('utf8');
  const certPem = Buffer.from(data['tls.crt'], 'base64').toString('utf8');
  if (!pemBlock.test(keyPem) || !pemBlock.test(certPem)) return undefined;
  return { certPem, keyPem };
}

/**
 * The route configuration cloud-provider-kind programs into a gateway's Envoy, and Envoy's way
 * of choosing from it: a virtual host by the request's host, then the first route of that host
 * whose match fits. Pure: the proxy asks, nothing here connects.
 */

export type PathMatch =
  /** The whole path, query left out. */
  | { type: 'Exact'; value: string }
  /** Envoy's plain `prefix`, which cloud-provider-kind uses only for `/`. */
  | { type: 'Prefix'; value: string }
  /** `path_separated_prefix`: the prefix, then the end of the path or a `/`. */
  | { type: 'PathSeparatedPrefix'; value: string }
  | { type: 'RegularExpression'; value: string };

export interface HeaderMatch {
  name: string;
  type: 'Exact' | 'RegularExpression';
  value: string;
}

export interface QueryParamMatch {
  name: string;
  value: string;
}

export interface RouteMatch {
  path: PathMatch;
  headers: HeaderMatch[];
  queryParams: QueryParamMatch[];
}

/** One Envoy cluster: a Service port, named as cloud-provider-kind names it. */
export interface BackendCluster {
  name: string;
  namespace: string;
  service: string;
  port: number;
}

export interface WeightedCluster {
  cluster: BackendCluster;
  weight: number;
}

export type RouteAction =
  | { type: 'forward'; clusters: WeightedCluster[] }
  /** A reply from Envoy itself, e.g. 500 for a rule whose backends are all invalid. */
  | { type: 'direct'; status: number }
  | { type: 'redirect'; hostname?: string; status: number };

export interface HeaderValue {
  name: string;
  value: string;
}

/** An HTTPRoute `RequestHeaderModifier`, applied to the request sent upstream. */
export interface HeaderMutation {
  set: HeaderValue[];
  add: HeaderValue[];
  remove: string[];
}

export interface ProxyRoute {
  /** `<namespace>-<route>-rule<i>-match<j>`, as cloud-provider-kind names Envoy routes. */
  name: string;
  match: RouteMatch;
  action: RouteAction;
  requestHeaders: HeaderMutation;
}

export interface VirtualHost {
  /** One domain: exact, a `*.` wildcard, or `*` for any host. */
  domain: string;
  routes: ProxyRoute[];
}

export interface RouteTable {
  virtualHosts: VirtualHost[];
}

export type RequestHeaders = Record<string, string | string[] | undefined>;

/** What routing looks at in a request. */
export interface RequestFacts {
  /** The Host header (or `:authority`); a port in it is ignored. */
  host: string;
  /** The request target: path and query. */
  path: string;
  headers: RequestHeaders;
}

/**
 * Envoy's virtual host choice: an exact domain first, then the `*.` wildcard with the longest
 * suffix (a wildcard never matches the empty label, and covers any number of labels), then `*`.
 */
export function selectVirtualHost(table: RouteTable, host: string): VirtualHost | undefined {
  const name = hostWithoutPort(host).toLowerCase();
  let wildcard: VirtualHost | undefined;
  let catchAll: VirtualHost | undefined;
  for (const virtualHost of table.virtualHosts) {
    const domain = virtualHost.domain.toLowerCase();
    if (domain === name) return virtualHost;
    if (domain === '*') {
      catchAll ??= virtualHost;
      continue;
    }
    if (domain.startsWith('*')) {
      const suffix = domain.slice(1);
      const longer = !wildcard || suffix.length > wildcard.domain.length - 1;
      if (name.length > suffix.length && name.endsWith(suffix) && longer) wildcard = virtualHost;
    }
  }
  return wildcard ?? catchAll;
}

/** The first route of the virtual host whose match fits the request, as Envoy walks them. */
export function matchRoute(
  virtualHost: VirtualHost,
  request: RequestFacts,
): ProxyRoute | undefined {
  const { path, query } = splitTarget(request.path);
  return virtualHost.routes.find((route) =>
    routeMatches(route.match, path, query, request.headers),
  );
}

/** The virtual host and route a request lands on; either is missing when Envoy would 404. */
export function findRoute(
  table: RouteTable,
  request: RequestFacts,
): { virtualHost?: VirtualHost; route?: ProxyRoute } {
  const virtualHost = selectVirtualHost(table, request.host);
  if (!virtualHost) return {};
  const route = matchRoute(virtualHost, request);
  return route ? { virtualHost, route } : { virtualHost };
}

function routeMatches(
  match: RouteMatch,
  path: string,
  query: URLSearchParams,
  headers: RequestHeaders,
): boolean {
  if (!pathMatches(match.path, path)) return false;
  for (const header of match.headers) {
    const value = headerValue(headers, header.name);
    if (value === undefined) return false;
    if (header.type === 'Exact' ? value !== header.value : !fullMatch(header.value, value)) {
      return false;
    }
  }
  return match.queryParams.every((param) => query.get(param.name) === param.value);
}

function pathMatches(match: PathMatch, path: string): boolean {
  switch (match.type) {
    case 'Exact':
      return path === match.value;
    case 'Prefix':
      return path.startsWith(match.value);
    case 'PathSeparatedPrefix':
      return path === match.value || path.startsWith(`${match.value}/`);
    case 'RegularExpression':
      return fullMatch(match.value, path);
  }
}

const compiled = new Map<string, RegExp | null>();

/** RE2 full-match semantics; a pattern JavaScript cannot compile matches nothing. */
function fullMatch(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      regex = null;
    }
    compiled.set(pattern, regex);
  }
  return regex?.test(value) ?? false;
}

/** Several values of one header are matched joined by commas, as Envoy sees them. */
function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const withoutFragment = target.split('#', 1)[0] ?? '';
  const mark = withoutFragment.indexOf('?');
  if (mark < 0) return { path: withoutFragment, query: new URLSearchParams() };
  return {
    path: withoutFragment.slice(0, mark),
    query: new URLSearchParams(withoutFragment.slice(mark + 1)),
  };
}

/** cloud-provider-kind sets `ignore_port_in_host_matching`: `a.test:8080` is `a.test`. */
function hostWithoutPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon >= 0 && /^\d*$/.test(host.slice(colon + 1)) ? host.slice(0, colon) : host;
}

/**
 * cloud-provider-kind's route order within a virtual host: the catch-all (`/` and nothing
 * else) last; exact paths before other path matches; longer path values first; more header
 * matches, then more query matches first; otherwise the order they came in.
 */
export function sortRoutes(routes: readonly ProxyRoute[]): ProxyRoute[] {
  return [...routes].sort((a, b) => {
    const catchAllA = isCatchAll(a.match);
    const catchAllB = isCatchAll(b.match);
    if (catchAllA !== catchAllB) return catchAllA ? 1 : -1;
    const exactA = a.match.path.type === 'Exact';
    const exactB = b.match.path.type === 'Exact';
    if (exactA !== exactB) return exactA ? -1 : 1;
    const lengthA = pathMatchValue(a.match.path).length;
    const lengthB = pathMatchValue(b.match.path).length;
    if (lengthA !== lengthB) return lengthB - lengthA;
    if (a.match.headers.length !== b.match.headers.length) {
      return b.match.headers.length - a.match.headers.length;
    }
    return b.match.queryParams.length - a.match.queryParams.length;
  });
}

function isCatchAll(match: RouteMatch): boolean {
  return (
    match.path.type === 'Prefix' &&
    match.path.value === '/' &&
    match.headers.length === 0 &&
    match.queryParams.length === 0
  );
}

/** The path value cloud-provider-kind compares lengths of; for a regex, without its escapes. */
function pathMatchValue(path: PathMatch): string {
  if (path.type !== 'RegularExpression') return path.value;
  const value = path.value.endsWith('(/.*)?') ? path.value.slice(0, -'(/.*)?'.length) : path.value;
  return value.replaceAll('\\', '');
}

/**
 * Envoy's weighted cluster choice: a random point in the total weight picks the cluster whose
 * share contains it. `random` returns a number in [0, 1).
 */
export function pickWeighted(clusters: readonly WeightedCluster[], random: () => number) {
  const total = clusters.reduce((sum, entry) => sum + entry.weight, 0);
  let point = Math.floor(random() * total);
  for (const entry of clusters) {
    if (point < entry.weight) return entry.cluster;
    point -= entry.weight;
  }
  return clusters[clusters.length - 1]?.cluster;
}

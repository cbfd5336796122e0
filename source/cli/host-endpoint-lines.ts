import type { Json, KubeObject } from '../sandbox/api/kube-object.ts';
import type { HostEndpoint } from '../sandbox/network/host-port-plan.ts';

/**
 * The lines `k8s-expose-tutor sandbox` prints as exposures come and go, one per exposure:
 *
 *   NodePort default/echo on expose-tutor-worker: curl http://127.18.0.3:30080/hostname (172.18.0.3:30080)
 *   LoadBalancer default/echo: curl http://127.18.0.100/hostname (172.18.0.100:80)
 *   Ingress shop/web: curl -H 'Host: shop.example' http://127.18.0.101/ (172.18.0.101:80)
 *   NodePort default/echo on expose-tutor-worker: no longer exposed (172.18.0.3:30080)
 *
 * The curl command is copyable; the kind-network address in brackets says what it stands for.
 */

/** What the object says about how to ask it: the Host header and path its rules route. */
export interface RequestHint {
  hostname?: string;
  path?: string;
}

/**
 * The hint an Ingress or Gateway gives: an Ingress's first rule with a host (and that rule's
 * first path), a Gateway listener's hostname on the exposed port. A wildcard host becomes a
 * name it matches.
 */
export function requestHint(
  endpoint: HostEndpoint,
  object: Readonly<KubeObject> | undefined,
): RequestHint | undefined {
  if (!object) return undefined;
  const port = Number(endpoint.virtual.slice(endpoint.virtual.lastIndexOf(':') + 1));
  if (endpoint.kind === 'Ingress') {
    const rule = ((object.spec?.rules ?? []) as Json[]).find((candidate) => candidate.host);
    if (!rule) return undefined;
    const path: Json | undefined = rule.http?.paths?.[0];
    const plainPath = path && path.pathType !== 'ImplementationSpecific' ? path.path : undefined;
    return { hostname: concreteHost(rule.host), ...(plainPath ? { path: plainPath } : {}) };
  }
  if (endpoint.kind === 'Gateway') {
    const listener = ((object.spec?.listeners ?? []) as Json[]).find(
      (candidate) => candidate.port === port && candidate.hostname,
    );
    return listener ? { hostname: concreteHost(listener.hostname) } : undefined;
  }
  return undefined;
}

function concreteHost(host: string): string {
  return host.startsWith('*.') ? `demo.${host.slice(2)}` : host;
}

export function exposureLabel(endpoint: HostEndpoint): string {
  const on = endpoint.node ? ` on ${endpoint.node}` : '';
  return `${endpoint.kind} ${endpoint.object}${on}`;
}

/** A curl command that reaches the exposure from this machine. */
export function curlCommand(endpoint: HostEndpoint, hint: RequestHint = {}): string {
  const [hostIP = '', hostPort = ''] = splitAddress(endpoint.host);
  const virtualPort = splitAddress(endpoint.virtual)[1];
  const tls = virtualPort === '443';
  const scheme = tls ? 'https' : 'http';
  const defaultPort = tls ? '443' : '80';
  const portPart = hostPort === defaultPort ? '' : `:${hostPort}`;
  const isService = endpoint.kind === 'NodePort' || endpoint.kind === 'LoadBalancer';
  // agnhost's /hostname names the pod that answered: the point of curling a Service.
  const path = hint.path ?? (isService ? '/hostname' : '/');
  const hostname = hint.hostname;
  if (!hostname) return `curl ${tls ? '-k ' : ''}${scheme}://${hostIP}${portPart}${path}`;
  if (tls) {
    // --resolve keeps the name in the URL, so SNI and the certificate check use it.
    return `curl -k --resolve ${hostname}:${hostPort}:${hostIP} https://${hostname}${portPart}${path}`;
  }
  return `curl -H 'Host: ${hostname}' http://${hostIP}${portPart}${path}`;
}

export function exposureLine(endpoint: HostEndpoint, hint?: RequestHint): string {
  return `${exposureLabel(endpoint)}: ${curlCommand(endpoint, hint)} (${endpoint.virtual})`;
}

function identity(endpoint: HostEndpoint): string {
  return `${exposureLabel(endpoint)} ${endpoint.virtual}`;
}

/**
 * The lines for what changed since `previous` (identity → host address), and the state to pass
 * next time: new exposures and new host addresses get a curl line, vanished ones a closing line.
 */
export function exposureChanges(
  previous: ReadonlyMap<string, string>,
  endpoints: readonly HostEndpoint[],
  hintOf: (endpoint: HostEndpoint) => RequestHint | undefined = () => undefined,
): { lines: string[]; next: Map<string, string> } {
  const lines: string[] = [];
  const next = new Map<string, string>();
  for (const endpoint of endpoints) {
    const key = identity(endpoint);
    if (next.has(key)) continue;
    next.set(key, endpoint.host);
    if (previous.get(key) !== endpoint.host) lines.push(exposureLine(endpoint, hintOf(endpoint)));
  }
  for (const key of previous.keys()) {
    if (next.has(key)) continue;
    const space = key.lastIndexOf(' ');
    lines.push(`${key.slice(0, space)}: no longer exposed (${key.slice(space + 1)})`);
  }
  return { lines, next };
}

function splitAddress(address: string): [string, string] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), address.slice(colon + 1)];
}

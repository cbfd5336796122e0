import type { KubeConfig } from '@kubernetes/client-node';
import { KubeRequests } from '../cluster/kube-requests.ts';
import { ApiException } from '../kube/client-node.ts';
import type { KubeObject } from '../sandbox/api/kube-object.ts';
import type { Unseen } from './inspect-report.ts';
import { slimPod } from './slim-pod.ts';

/** What inspect reads; `null` for a kind it could not see (see `unseen`). */
export interface ClusterSnapshot {
  services: KubeObject[];
  endpointSlices: KubeObject[] | null;
  pods: KubeObject[] | null;
  nodes: KubeObject[] | null;
  ingresses: KubeObject[] | null;
  ingressClasses: KubeObject[] | null;
  gateways: KubeObject[] | null;
  httpRoutes: KubeObject[] | null;
  unseen: Unseen[];
}

interface ListedResource {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  /** What the report lacks without it. */
  consequence: string;
}

const listed = {
  services: {
    group: '',
    version: 'v1',
    plural: 'services',
    kind: 'Service',
    namespaced: true,
    consequence: 'no Services could be listed',
  },
  endpointSlices: {
    group: 'discovery.k8s.io',
    version: 'v1',
    plural: 'endpointslices',
    kind: 'EndpointSlice',
    namespaced: true,
    consequence: 'endpoints are not shown',
  },
  pods: {
    group: '',
    version: 'v1',
    plural: 'pods',
    kind: 'Pod',
    namespaced: true,
    consequence: 'selectors and target ports are not checked against pods',
  },
  nodes: {
    group: '',
    version: 'v1',
    plural: 'nodes',
    kind: 'Node',
    namespaced: false,
    consequence: 'node addresses are not known; nodes lacking endpoints are not checked',
  },
  ingresses: {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'ingresses',
    kind: 'Ingress',
    namespaced: true,
    consequence: 'routes from Ingresses are not shown or checked',
  },
  ingressClasses: {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'ingressclasses',
    kind: 'IngressClass',
    namespaced: false,
    consequence: 'Ingresses without a class are not checked',
  },
  gateways: {
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    plural: 'gateways',
    kind: 'Gateway',
    namespaced: true,
    consequence: 'Gateway addresses are not shown',
  },
  httpRoutes: {
    group: 'gateway.networking.k8s.io',
    version: 'v1',
    plural: 'httproutes',
    kind: 'HTTPRoute',
    namespaced: true,
    consequence: 'routes from HTTPRoutes are not shown or checked',
  },
} satisfies Record<string, ListedResource>;

/** The page size kubectl uses for `get` (its `--chunk-size` default). */
const pageSize = 500;
const requestTimeoutMs = 30_000;

/** The API server could not be reached at all (refused, no such host, TLS, timeout). */
export class ClusterUnreachableError extends Error {}

/** The API server refused the credentials or answered with something other than a list. */
export class ClusterRefusedError extends Error {}

/**
 * Lists every kind inspect needs, page by page, with GET requests only. A 403 or 404 on one
 * kind is recorded in `unseen` instead of failing: a read-limited user still gets a report.
 */
export async function collectObjects(
  kubeConfig: KubeConfig,
  namespace: string | undefined,
): Promise<ClusterSnapshot> {
  const requests = KubeRequests.forConfig(kubeConfig);
  const unseen: Unseen[] = [];
  const read = async (resource: ListedResource, slim?: (object: KubeObject) => KubeObject) => {
    try {
      return await listAll(requests, resource, namespace, slim);
    } catch (error) {
      if (error instanceof ApiException && (error.code === 403 || error.code === 404)) {
        unseen.push({
          resource: resource.group ? `${resource.plural}.${resource.group}` : resource.plural,
          reason: error.code === 403 ? 'Forbidden' : 'NotFound',
          // A kind that is not installed (Gateway API CRDs, say) answers a bare 404 page.
          message:
            error.code === 404
              ? `the server does not serve ${resource.plural} in ${resource.group ? `${resource.group}/` : ''}${resource.version}`
              : statusMessage(error),
          consequence: resource.consequence,
        });
        return null;
      }
      throw describeFailure(error);
    }
  };
  // Services first and alone: an unreachable server then fails once, not eight times.
  const services = await read(listed.services);
  const [endpointSlices, pods, nodes, ingresses, ingressClasses, gateways, httpRoutes] =
    await Promise.all([
      read(listed.endpointSlices),
      read(listed.pods, slimPod),
      read(listed.nodes),
      read(listed.ingresses),
      read(listed.ingressClasses),
      read(listed.gateways),
      read(listed.httpRoutes),
    ]);
  // In the order kinds are listed above, whichever refusal came back first.
  const order = Object.values(listed).map((resource) =>
    resource.group ? `${resource.plural}.${resource.group}` : resource.plural,
  );
  unseen.sort((a, b) => order.indexOf(a.resource) - order.indexOf(b.resource));
  return {
    services: services ?? [],
    endpointSlices,
    pods,
    nodes,
    ingresses,
    ingressClasses,
    gateways,
    httpRoutes,
    unseen,
  };
}

async function listAll(
  requests: KubeRequests,
  resource: ListedResource,
  namespace: string | undefined,
  slim: ((object: KubeObject) => KubeObject) | undefined,
): Promise<KubeObject[]> {
  const base = resource.group ? `/apis/${resource.group}/${resource.version}` : '/api/v1';
  const path =
    resource.namespaced && namespace
      ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource.plural}`
      : `${base}/${resource.plural}`;
  const items: KubeObject[] = [];
  let continueToken: string | undefined;
  do {
    const query: Record<string, string> = { limit: String(pageSize) };
    if (continueToken) query.continue = continueToken;
    const { body } = await requests.send('GET', path, {
      query,
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const list = body as { items?: KubeObject[]; metadata?: { continue?: string } };
    const apiVersion = resource.group ? `${resource.group}/${resource.version}` : resource.version;
    for (const item of list.items ?? []) {
      // A List's items carry no apiVersion/kind on the wire.
      item.apiVersion = apiVersion;
      item.kind = resource.kind;
      items.push(slim ? slim(item) : item);
    }
    continueToken = list.metadata?.continue || undefined;
  } while (continueToken);
  return items;
}

function statusMessage(error: InstanceType<typeof ApiException>): string {
  try {
    const status = JSON.parse(String(error.body)) as { message?: string };
    if (status.message) return status.message;
  } catch {
    // not a Status body
  }
  return `HTTP ${error.code}`;
}

const networkErrors: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'no such host (DNS lookup failed)',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network is unreachable',
  ECONNRESET: 'connection reset by peer',
};

/** Turns client-node's failures into one sentence without a stack trace. */
function describeFailure(error: unknown): Error {
  if (error instanceof ApiException) {
    if (error.code === 401)
      return new ClusterRefusedError('the server refused the credentials (401 Unauthorized)');
    return new ClusterRefusedError(`the server answered ${statusMessage(error)} (${error.code})`);
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return new ClusterUnreachableError(`no answer within ${requestTimeoutMs / 1000} s`);
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code && networkErrors[cause.code])
    return new ClusterUnreachableError(networkErrors[cause.code]!);
  if (cause?.message) return new ClusterUnreachableError(cause.message);
  return new ClusterUnreachableError(error instanceof Error ? error.message : String(error));
}

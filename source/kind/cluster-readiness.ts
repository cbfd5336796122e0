import type { Cluster } from '../cluster/cluster.ts';
import type { KubeObject } from '../sandbox/api/kube-object.ts';
import { defaultGatewayClassName, defaultIngressClassName } from '../sandbox/cluster/topology.ts';

/** What a kind cluster with cloud-provider-kind has once it is ready for the lessons. */
export interface ClusterReadiness {
  nodes: { name: string; ready: boolean }[];
  /** cloud-provider-kind creates both classes when it starts serving the cluster. */
  ingressClass: boolean;
  gatewayClass: boolean;
  /** Set when the API did not answer. */
  error?: string;
}

export const expectedNodeCount = 3;

function isReady(node: KubeObject): boolean {
  const conditions = (node.status?.conditions ?? []) as { type?: string; status?: string }[];
  return conditions.some((condition) => condition.type === 'Ready' && condition.status === 'True');
}

async function exists(read: () => Promise<KubeObject | undefined>): Promise<boolean> {
  // Before cloud-provider-kind installs the Gateway API CRDs, the kind itself is unknown.
  return read().then(
    (object) => object !== undefined,
    () => false,
  );
}

export async function readReadiness(
  cluster: Cluster,
  signal?: AbortSignal,
): Promise<ClusterReadiness> {
  try {
    const nodes = await cluster.list({ apiVersion: 'v1', kind: 'Node' }, { signal });
    const [ingressClass, gatewayClass] = await Promise.all([
      exists(() =>
        cluster.get(
          {
            apiVersion: 'networking.k8s.io/v1',
            kind: 'IngressClass',
            name: defaultIngressClassName,
          },
          { signal },
        ),
      ),
      exists(() =>
        cluster.get(
          {
            apiVersion: 'gateway.networking.k8s.io/v1',
            kind: 'GatewayClass',
            name: defaultGatewayClassName,
          },
          { signal },
        ),
      ),
    ]);
    return {
      nodes: nodes.map((node) => ({ name: node.metadata.name ?? '', ready: isReady(node) })),
      ingressClass,
      gatewayClass,
    };
  } catch (error) {
    return {
      nodes: [],
      ingressClass: false,
      gatewayClass: false,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export function isClusterReady(readiness: ClusterReadiness): boolean {
  return (
    readiness.nodes.length >= expectedNodeCount &&
    readiness.nodes.every((node) => node.ready) &&
    readiness.ingressClass &&
    readiness.gatewayClass
  );
}

/** `nodes 2/3 Ready, IngressClass cloud-provider-kind missing, …`: what is still missing. */
export function describeReadiness(readiness: ClusterReadiness): string {
  if (readiness.error) return `the API does not answer yet (${readiness.error})`;
  const ready = readiness.nodes.filter((node) => node.ready).length;
  const parts = [`nodes ${ready}/${Math.max(expectedNodeCount, readiness.nodes.length)} Ready`];
  parts.push(
    `IngressClass ${defaultIngressClassName} ${readiness.ingressClass ? 'present' : 'missing'}`,
  );
  parts.push(
    `GatewayClass ${defaultGatewayClassName} ${readiness.gatewayClass ? 'present' : 'missing'}`,
  );
  return parts.join(', ');
}

import type { KubeObject } from '../sandbox/api/kube-object.ts';

/**
 * A Pod cut down to what inspect reads (labels, node, declared ports, readiness), so that
 * listing 20,000 pods does not keep 20,000 full pod documents alive.
 */
export function slimPod(pod: KubeObject): KubeObject {
  const ready = (pod.status?.conditions ?? []).find(
    (condition: { type?: string }) => condition.type === 'Ready',
  );
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
      ...(pod.metadata.deletionTimestamp
        ? { deletionTimestamp: pod.metadata.deletionTimestamp }
        : {}),
    },
    spec: {
      nodeName: pod.spec?.nodeName,
      containers: (pod.spec?.containers ?? []).map(
        (container: { name: string; ports?: unknown[] }) => ({
          name: container.name,
          ...(container.ports ? { ports: container.ports } : {}),
        }),
      ),
    },
    status: {
      phase: pod.status?.phase,
      podIP: pod.status?.podIP,
      conditions: ready ? [ready] : [],
    },
  };
}

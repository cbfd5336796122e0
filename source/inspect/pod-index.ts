import type { KubeObject } from '../sandbox/api/kube-object.ts';

/**
 * Pods by namespace and by each `key=value` label, so a Service's selector is matched by
 * intersecting from its rarest label instead of scanning every pod (5,000 Services × 20,000
 * pods would be a hundred million comparisons).
 */
export class PodIndex {
  private readonly byLabel = new Map<string, KubeObject[]>();

  constructor(pods: readonly KubeObject[]) {
    for (const pod of pods) {
      const namespace = pod.metadata.namespace ?? '';
      for (const [key, value] of Object.entries(pod.metadata.labels ?? {})) {
        const bucketKey = `${namespace}\u0000${key}=${value}`;
        let bucket = this.byLabel.get(bucketKey);
        if (!bucket) {
          bucket = [];
          this.byLabel.set(bucketKey, bucket);
        }
        bucket.push(pod);
      }
    }
  }

  /** Pods in `namespace` carrying every label of `selector` (an empty selector matches none). */
  matching(namespace: string, selector: Record<string, string>): KubeObject[] {
    const entries = Object.entries(selector);
    if (entries.length === 0) return [];
    let smallest: KubeObject[] | undefined;
    for (const [key, value] of entries) {
      const bucket = this.byLabel.get(`${namespace}\u0000${key}=${value}`);
      if (!bucket) return [];
      if (!smallest || bucket.length < smallest.length) smallest = bucket;
    }
    return smallest!.filter((pod) =>
      entries.every(([key, value]) => pod.metadata.labels?.[key] === value),
    );
  }
}

export function isPodReady(pod: KubeObject): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  return (pod.status?.conditions ?? []).some(
    (condition: { type?: string; status?: string }) =>
      condition.type === 'Ready' && condition.status === 'True',
  );
}

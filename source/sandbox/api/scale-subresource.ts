import type { KubeObject } from './kube-object.ts';
import { ApiError } from './status.ts';

/** `autoscaling/v1` Scale for a Deployment or ReplicaSet, as `/scale` serves it. */
export function scaleOf(object: KubeObject): KubeObject {
  const matchLabels: Record<string, string> = object.spec?.selector?.matchLabels ?? {};
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: object.metadata.name!,
      namespace: object.metadata.namespace!,
      uid: object.metadata.uid!,
      resourceVersion: object.metadata.resourceVersion!,
      creationTimestamp: object.metadata.creationTimestamp!,
    },
    spec: { replicas: object.spec?.replicas ?? 1 },
    status: {
      replicas: object.status?.replicas ?? 0,
      selector: Object.entries(matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    },
  };
}

/** The owning object with `spec.replicas` taken from a sent Scale. */
export function scaleSubresourceTarget(existing: KubeObject, scale: KubeObject): KubeObject {
  const replicas = scale.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw new ApiError(
      422,
      'Invalid',
      `Scale.autoscaling "${existing.metadata.name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`,
    );
  }
  const sentVersion = scale.metadata?.resourceVersion;
  return {
    ...existing,
    metadata: { ...existing.metadata, ...(sentVersion ? { resourceVersion: sentVersion } : {}) },
    spec: { ...existing.spec, replicas },
  };
}

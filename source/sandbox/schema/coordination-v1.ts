/** Lease (coordination.k8s.io/v1): node heartbeats that `kubectl describe node` shows. */
import { int32, microTime, namedString, str, struct } from './field-schema.ts';
import { objectMeta } from './meta-v1.ts';

export const leaseSpec = struct('io.k8s.api.coordination.v1.LeaseSpec', {
  holderIdentity: str,
  leaseDurationSeconds: int32,
  acquireTime: microTime,
  renewTime: microTime,
  leaseTransitions: int32,
  strategy: namedString('v1.CoordinatedLeaseStrategy'),
  preferredHolder: str,
});

export const lease = struct('io.k8s.api.coordination.v1.Lease', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: leaseSpec,
});

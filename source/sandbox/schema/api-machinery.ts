/**
 * The types the OpenAPI documents reference besides the kinds themselves: list metadata,
 * Status, DeleteOptions, Patch and autoscaling/v1 Scale (the scale subresource).
 */
import { bool, int32, int64, listOf, namedString, str, struct } from './field-schema.ts';
import { objectMeta } from './meta-v1.ts';

const shardInfo = struct('io.k8s.apimachinery.pkg.apis.meta.v1.ShardInfo', {
  selector: str,
});

export const listMeta = struct('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', {
  selfLink: str,
  resourceVersion: str,
  continue: str,
  remainingItemCount: int64,
  shardInfo: shardInfo,
});

const statusCause = struct('io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause', {
  reason: namedString('v1.CauseType'),
  message: str,
  field: str,
});

const statusDetails = struct('io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails', {
  name: str,
  group: str,
  kind: str,
  uid: namedString('types.UID'),
  causes: listOf(statusCause, { listType: 'atomic' }),
  retryAfterSeconds: int32,
});

export const status = struct('io.k8s.apimachinery.pkg.apis.meta.v1.Status', {
  apiVersion: str,
  kind: str,
  metadata: listMeta,
  status: str,
  message: str,
  reason: namedString('v1.StatusReason'),
  details: statusDetails,
  code: int32,
});

const preconditions = struct('io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions', {
  uid: namedString('types.UID'),
  resourceVersion: str,
});

export const deleteOptions = struct('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', {
  apiVersion: str,
  kind: str,
  gracePeriodSeconds: int64,
  preconditions: preconditions,
  orphanDependents: bool,
  propagationPolicy: namedString('v1.DeletionPropagation'),
  dryRun: listOf(str, { listType: 'atomic' }),
  ignoreStoreReadErrorWithClusterBreakingPotential: bool,
});

/** A patch document of any patch type; the schema says nothing about its shape. */
export const patch = struct('io.k8s.apimachinery.pkg.apis.meta.v1.Patch', {});

const scaleSpec = struct('io.k8s.api.autoscaling.v1.ScaleSpec', {
  replicas: int32,
});

const scaleStatus = struct('io.k8s.api.autoscaling.v1.ScaleStatus', {
  replicas: int32,
  selector: str,
});

export const scale = struct('io.k8s.api.autoscaling.v1.Scale', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: scaleSpec,
  status: scaleStatus,
});

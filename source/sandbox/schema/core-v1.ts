/** Namespace, Secret, ConfigMap, Event, ServiceAccount and ObjectReference (core/v1). */

import { localObjectReference } from './core-v1-pod-volumes.ts';
import {
  bool,
  bytes,
  int32,
  listOf,
  mapOf,
  microTime,
  namedString,
  str,
  stringMap,
  struct,
  time,
} from './field-schema.ts';
import { objectMeta } from './meta-v1.ts';

export const namespaceSpec = struct('io.k8s.api.core.v1.NamespaceSpec', {
  finalizers: listOf(namedString('v1.FinalizerName'), { listType: 'atomic' }),
});

export const namespaceCondition = struct('io.k8s.api.core.v1.NamespaceCondition', {
  type: namedString('v1.NamespaceConditionType'),
  status: namedString('v1.ConditionStatus'),
  lastTransitionTime: time,
  reason: str,
  message: str,
});

export const namespaceStatus = struct('io.k8s.api.core.v1.NamespaceStatus', {
  phase: namedString('v1.NamespacePhase'),
  conditions: listOf(namespaceCondition, {
    mergeKey: 'type',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['type'],
  }),
});

export const namespace = struct('io.k8s.api.core.v1.Namespace', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: namespaceSpec,
  status: namespaceStatus,
});

export const objectReference = struct(
  'io.k8s.api.core.v1.ObjectReference',
  {
    kind: str,
    namespace: str,
    name: str,
    uid: namedString('types.UID'),
    apiVersion: str,
    resourceVersion: str,
    fieldPath: str,
  },
  { mapType: 'atomic' },
);

export const secret = struct('io.k8s.api.core.v1.Secret', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  immutable: bool,
  data: mapOf(bytes),
  stringData: stringMap,
  type: namedString('v1.SecretType'),
});

export const configMap = struct('io.k8s.api.core.v1.ConfigMap', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  immutable: bool,
  data: stringMap,
  binaryData: mapOf(bytes),
});

export const eventSource = struct('io.k8s.api.core.v1.EventSource', {
  component: str,
  host: str,
});

export const eventSeries = struct('io.k8s.api.core.v1.EventSeries', {
  count: int32,
  lastObservedTime: microTime,
});

export const event = struct('io.k8s.api.core.v1.Event', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  involvedObject: objectReference,
  reason: str,
  message: str,
  source: eventSource,
  firstTimestamp: time,
  lastTimestamp: time,
  count: int32,
  type: str,
  eventTime: microTime,
  series: eventSeries,
  action: str,
  related: objectReference,
  reportingComponent: str,
  reportingInstance: str,
});

export const serviceAccount = struct('io.k8s.api.core.v1.ServiceAccount', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  secrets: listOf(objectReference, {
    mergeKey: 'name',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['name'],
  }),
  imagePullSecrets: listOf(localObjectReference, { listType: 'atomic' }),
  automountServiceAccountToken: bool,
});

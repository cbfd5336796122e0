/** Object metadata and the meta/v1 types every kind shares (io.k8s.apimachinery.pkg.apis.meta.v1). */
import {
  bool,
  freeForm,
  int64,
  listOf,
  namedString,
  str,
  stringMap,
  struct,
  time,
} from './field-schema.ts';

export const ownerReference = struct(
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference',
  {
    apiVersion: str,
    kind: str,
    name: str,
    uid: namedString('types.UID'),
    controller: bool,
    blockOwnerDeletion: bool,
  },
  { mapType: 'atomic' },
);

export const managedFieldsEntry = struct(
  'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry',
  {
    manager: str,
    operation: namedString('v1.ManagedFieldsOperationType'),
    apiVersion: str,
    time: time,
    fieldsType: str,
    fieldsV1: freeForm,
    subresource: str,
  },
);

export const objectMeta = struct('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', {
  name: str,
  generateName: str,
  namespace: str,
  selfLink: str,
  uid: namedString('types.UID'),
  resourceVersion: str,
  generation: int64,
  creationTimestamp: time,
  deletionTimestamp: time,
  deletionGracePeriodSeconds: int64,
  labels: stringMap,
  annotations: stringMap,
  ownerReferences: listOf(ownerReference, {
    mergeKey: 'uid',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['uid'],
  }),
  finalizers: listOf(str, { strategy: 'merge', listType: 'set' }),
  managedFields: listOf(managedFieldsEntry, { listType: 'atomic' }),
});

export const labelSelectorRequirement = struct(
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement',
  {
    key: str,
    operator: namedString('v1.LabelSelectorOperator'),
    values: listOf(str, { listType: 'atomic' }),
  },
);

export const labelSelector = struct(
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
  {
    matchLabels: stringMap,
    matchExpressions: listOf(labelSelectorRequirement, { listType: 'atomic' }),
  },
  { mapType: 'atomic' },
);

export const metaCondition = struct('io.k8s.apimachinery.pkg.apis.meta.v1.Condition', {
  type: str,
  status: namedString('v1.ConditionStatus'),
  observedGeneration: int64,
  lastTransitionTime: time,
  reason: str,
  message: str,
});

/** meta/v1 (k8s.io/apimachinery): object metadata and label selectors. */

import { mapOf, message, repeated } from './message-descriptor.ts';
import { fieldsV1, time } from './scalar-messages.ts';

export const ownerReference = message('OwnerReference', [
  [1, 'kind', 'string', 'always'],
  [3, 'name', 'string', 'always'],
  [4, 'uid', 'string', 'always'],
  [5, 'apiVersion', 'string', 'always'],
  [6, 'controller', 'bool', 'pointer'],
  [7, 'blockOwnerDeletion', 'bool', 'pointer'],
]);

export const managedFieldsEntry = message('ManagedFieldsEntry', [
  [1, 'manager', 'string'],
  [2, 'operation', 'string'],
  [3, 'apiVersion', 'string'],
  [4, 'time', time, 'pointer'],
  [6, 'fieldsType', 'string'],
  [7, 'fieldsV1', fieldsV1, 'pointer'],
  [8, 'subresource', 'string'],
]);

export const objectMeta = message('ObjectMeta', [
  [1, 'name', 'string'],
  [2, 'generateName', 'string'],
  [3, 'namespace', 'string'],
  [4, 'selfLink', 'string'],
  [5, 'uid', 'string'],
  [6, 'resourceVersion', 'string'],
  [7, 'generation', 'int64'],
  [8, 'creationTimestamp', time, 'omitzero'],
  [9, 'deletionTimestamp', time, 'pointer'],
  [10, 'deletionGracePeriodSeconds', 'int64', 'pointer'],
  [11, 'labels', mapOf('string')],
  [12, 'annotations', mapOf('string')],
  [13, 'ownerReferences', repeated(ownerReference)],
  [14, 'finalizers', repeated('string')],
  [17, 'managedFields', repeated(managedFieldsEntry)],
]);

export const labelSelectorRequirement = message('LabelSelectorRequirement', [
  [1, 'key', 'string', 'always'],
  [2, 'operator', 'string', 'always'],
  [3, 'values', repeated('string')],
]);

export const labelSelector = message('LabelSelector', [
  [1, 'matchLabels', mapOf('string')],
  [2, 'matchExpressions', repeated(labelSelectorRequirement)],
]);

export const condition = message('Condition', [
  [1, 'type', 'string', 'always'],
  [2, 'status', 'string', 'always'],
  [3, 'observedGeneration', 'int64'],
  [4, 'lastTransitionTime', time],
  [5, 'reason', 'string', 'always'],
  [6, 'message', 'string', 'always'],
]);

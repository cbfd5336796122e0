/** Deployment and ReplicaSet (apps/v1). */

import { podTemplateSpec } from './core-v1-pod.ts';
import {
  bool,
  int32,
  int64,
  intOrString,
  listOf,
  namedString,
  str,
  struct,
  time,
  withPatch,
} from './field-schema.ts';
import { labelSelector, objectMeta } from './meta-v1.ts';

export const rollingUpdateDeployment = struct('io.k8s.api.apps.v1.RollingUpdateDeployment', {
  maxUnavailable: intOrString,
  maxSurge: intOrString,
});

export const deploymentStrategy = struct('io.k8s.api.apps.v1.DeploymentStrategy', {
  type: namedString('v1.DeploymentStrategyType'),
  rollingUpdate: rollingUpdateDeployment,
});

export const deploymentSpec = struct('io.k8s.api.apps.v1.DeploymentSpec', {
  replicas: int32,
  selector: labelSelector,
  template: podTemplateSpec,
  strategy: withPatch(deploymentStrategy, { strategy: 'retainKeys' }),
  minReadySeconds: int32,
  revisionHistoryLimit: int32,
  paused: bool,
  progressDeadlineSeconds: int32,
});

export const deploymentCondition = struct('io.k8s.api.apps.v1.DeploymentCondition', {
  type: namedString('v1.DeploymentConditionType'),
  status: namedString('v1.ConditionStatus'),
  lastUpdateTime: time,
  lastTransitionTime: time,
  reason: str,
  message: str,
});

export const deploymentStatus = struct('io.k8s.api.apps.v1.DeploymentStatus', {
  observedGeneration: int64,
  replicas: int32,
  updatedReplicas: int32,
  readyReplicas: int32,
  availableReplicas: int32,
  unavailableReplicas: int32,
  terminatingReplicas: int32,
  conditions: listOf(deploymentCondition, {
    mergeKey: 'type',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['type'],
  }),
  collisionCount: int32,
});

export const deployment = struct('io.k8s.api.apps.v1.Deployment', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: deploymentSpec,
  status: deploymentStatus,
});

export const replicaSetSpec = struct('io.k8s.api.apps.v1.ReplicaSetSpec', {
  replicas: int32,
  minReadySeconds: int32,
  selector: labelSelector,
  template: podTemplateSpec,
});

export const replicaSetCondition = struct('io.k8s.api.apps.v1.ReplicaSetCondition', {
  type: namedString('v1.ReplicaSetConditionType'),
  status: namedString('v1.ConditionStatus'),
  lastTransitionTime: time,
  reason: str,
  message: str,
});

export const replicaSetStatus = struct('io.k8s.api.apps.v1.ReplicaSetStatus', {
  replicas: int32,
  fullyLabeledReplicas: int32,
  readyReplicas: int32,
  availableReplicas: int32,
  terminatingReplicas: int32,
  observedGeneration: int64,
  conditions: listOf(replicaSetCondition, {
    mergeKey: 'type',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['type'],
  }),
});

export const replicaSet = struct('io.k8s.api.apps.v1.ReplicaSet', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: replicaSetSpec,
  status: replicaSetStatus,
});

/** apps/v1: Deployments and ReplicaSets. */

import { podTemplateSpec } from './core-v1-pod-messages.ts';
import { message, repeated } from './message-descriptor.ts';
import { labelSelector, objectMeta } from './meta-v1-messages.ts';
import { intOrString, time } from './scalar-messages.ts';

const deploymentStrategy = message('DeploymentStrategy', [
  [1, 'type', 'string'],
  [
    2,
    'rollingUpdate',
    message('RollingUpdateDeployment', [
      [1, 'maxUnavailable', intOrString, 'pointer'],
      [2, 'maxSurge', intOrString, 'pointer'],
    ]),
    'pointer',
  ],
]);

const deploymentCondition = message('DeploymentCondition', [
  [1, 'type', 'string', 'always'],
  [2, 'status', 'string', 'always'],
  [4, 'reason', 'string'],
  [5, 'message', 'string'],
  [6, 'lastUpdateTime', time],
  [7, 'lastTransitionTime', time],
]);

export const deployment = message('Deployment', [
  [1, 'metadata', objectMeta],
  [
    2,
    'spec',
    message('DeploymentSpec', [
      [1, 'replicas', 'int32', 'pointer'],
      [2, 'selector', labelSelector, 'nullable'],
      [3, 'template', podTemplateSpec],
      [4, 'strategy', deploymentStrategy],
      [5, 'minReadySeconds', 'int32'],
      [6, 'revisionHistoryLimit', 'int32', 'pointer'],
      [7, 'paused', 'bool'],
      [9, 'progressDeadlineSeconds', 'int32', 'pointer'],
    ]),
  ],
  [
    3,
    'status',
    message('DeploymentStatus', [
      [1, 'observedGeneration', 'int64'],
      [2, 'replicas', 'int32'],
      [3, 'updatedReplicas', 'int32'],
      [4, 'availableReplicas', 'int32'],
      [5, 'unavailableReplicas', 'int32'],
      [6, 'conditions', repeated(deploymentCondition)],
      [7, 'readyReplicas', 'int32'],
      [8, 'collisionCount', 'int32', 'pointer'],
      [9, 'terminatingReplicas', 'int32', 'pointer'],
    ]),
  ],
]);

const replicaSetCondition = message('ReplicaSetCondition', [
  [1, 'type', 'string', 'always'],
  [2, 'status', 'string', 'always'],
  [3, 'lastTransitionTime', time],
  [4, 'reason', 'string'],
  [5, 'message', 'string'],
]);

export const replicaSet = message('ReplicaSet', [
  [1, 'metadata', objectMeta],
  [
    2,
    'spec',
    message('ReplicaSetSpec', [
      [1, 'replicas', 'int32', 'pointer'],
      [2, 'selector', labelSelector, 'nullable'],
      [3, 'template', podTemplateSpec],
      [4, 'minReadySeconds', 'int32'],
    ]),
  ],
  [
    3,
    'status',
    message('ReplicaSetStatus', [
      [1, 'replicas', 'int32', 'always'],
      [2, 'fullyLabeledReplicas', 'int32'],
      [3, 'observedGeneration', 'int64'],
      [4, 'readyReplicas', 'int32'],
      [5, 'availableReplicas', 'int32'],
      [6, 'conditions', repeated(replicaSetCondition)],
      [7, 'terminatingReplicas', 'int32', 'pointer'],
    ]),
  ],
]);

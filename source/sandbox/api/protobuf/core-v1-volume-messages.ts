/**
 * core/v1 volumes: the common sources (emptyDir, hostPath, configMap, secret, projected,
 * downwardAPI, persistentVolumeClaim). Cloud and legacy sources are skipped like unknown fields.
 */

import { localObjectReference } from './core-v1-messages.ts';
import { message, repeated } from './message-descriptor.ts';
import { labelSelector } from './meta-v1-messages.ts';
import { quantity } from './scalar-messages.ts';

export const objectFieldSelector = message('ObjectFieldSelector', [
  [1, 'apiVersion', 'string'],
  [2, 'fieldPath', 'string', 'always'],
]);

export const resourceFieldSelector = message('ResourceFieldSelector', [
  [1, 'containerName', 'string'],
  [2, 'resource', 'string', 'always'],
  [3, 'divisor', quantity],
]);

const keyToPath = message('KeyToPath', [
  [1, 'key', 'string', 'always'],
  [2, 'path', 'string', 'always'],
  [3, 'mode', 'int32', 'pointer'],
  [4, 'user', 'int64', 'pointer'],
]);

const downwardAPIVolumeFile = message('DownwardAPIVolumeFile', [
  [1, 'path', 'string', 'always'],
  [2, 'fieldRef', objectFieldSelector, 'pointer'],
  [3, 'resourceFieldRef', resourceFieldSelector, 'pointer'],
  [4, 'mode', 'int32', 'pointer'],
  [5, 'user', 'int64', 'pointer'],
]);

const keyedProjection = (name: string) =>
  message(name, [
    [1, 'localObjectReference', localObjectReference, 'inline'],
    [2, 'items', repeated(keyToPath)],
    [4, 'optional', 'bool', 'pointer'],
  ]);

const volumeProjection = message('VolumeProjection', [
  [1, 'secret', keyedProjection('SecretProjection'), 'pointer'],
  [
    2,
    'downwardAPI',
    message('DownwardAPIProjection', [[1, 'items', repeated(downwardAPIVolumeFile)]]),
    'pointer',
  ],
  [3, 'configMap', keyedProjection('ConfigMapProjection'), 'pointer'],
  [
    4,
    'serviceAccountToken',
    message('ServiceAccountTokenProjection', [
      [1, 'audience', 'string'],
      [2, 'expirationSeconds', 'int64', 'pointer'],
      [3, 'path', 'string', 'always'],
      [4, 'user', 'int64', 'pointer'],
    ]),
    'pointer',
  ],
  [
    5,
    'clusterTrustBundle',
    message('ClusterTrustBundleProjection', [
      [1, 'name', 'string', 'pointer'],
      [2, 'signerName', 'string', 'pointer'],
      [3, 'labelSelector', labelSelector, 'pointer'],
      [4, 'path', 'string', 'always'],
      [5, 'optional', 'bool', 'pointer'],
      [6, 'user', 'int64', 'pointer'],
    ]),
    'pointer',
  ],
]);

const volumeSource = message('VolumeSource', [
  [
    1,
    'hostPath',
    message('HostPathVolumeSource', [
      [1, 'path', 'string', 'always'],
      [2, 'type', 'string', 'pointer'],
    ]),
    'pointer',
  ],
  [
    2,
    'emptyDir',
    message('EmptyDirVolumeSource', [
      [1, 'medium', 'string'],
      [2, 'sizeLimit', quantity, 'pointer'],
      [3, 'mode', 'int32', 'pointer'],
    ]),
    'pointer',
  ],
  [
    6,
    'secret',
    message('SecretVolumeSource', [
      [1, 'secretName', 'string'],
      [2, 'items', repeated(keyToPath)],
      [3, 'defaultMode', 'int32', 'pointer'],
      [4, 'optional', 'bool', 'pointer'],
      [5, 'defaultUser', 'int64', 'pointer'],
    ]),
    'pointer',
  ],
  [
    10,
    'persistentVolumeClaim',
    message('PersistentVolumeClaimVolumeSource', [
      [1, 'claimName', 'string', 'always'],
      [2, 'readOnly', 'bool'],
    ]),
    'pointer',
  ],
  [
    16,
    'downwardAPI',
    message('DownwardAPIVolumeSource', [
      [1, 'items', repeated(downwardAPIVolumeFile)],
      [2, 'defaultMode', 'int32', 'pointer'],
      [3, 'defaultUser', 'int64', 'pointer'],
    ]),
    'pointer',
  ],
  [
    19,
    'configMap',
    message('ConfigMapVolumeSource', [
      [1, 'localObjectReference', localObjectReference, 'inline'],
      [2, 'items', repeated(keyToPath)],
      [3, 'defaultMode', 'int32', 'pointer'],
      [4, 'optional', 'bool', 'pointer'],
      [5, 'defaultUser', 'int64', 'pointer'],
    ]),
    'pointer',
  ],
  [
    26,
    'projected',
    message('ProjectedVolumeSource', [
      [1, 'sources', repeated(volumeProjection), 'always'],
      [2, 'defaultMode', 'int32', 'pointer'],
      [3, 'defaultUser', 'int64', 'pointer'],
    ]),
    'pointer',
  ],
]);

export const volume = message('Volume', [
  [1, 'name', 'string', 'always'],
  [2, 'volumeSource', volumeSource, 'inline'],
]);

export const volumeMount = message('VolumeMount', [
  [1, 'name', 'string', 'always'],
  [2, 'readOnly', 'bool'],
  [3, 'mountPath', 'string', 'always'],
  [4, 'subPath', 'string'],
  [5, 'mountPropagation', 'string', 'pointer'],
  [6, 'subPathExpr', 'string'],
  [7, 'recursiveReadOnly', 'string', 'pointer'],
]);

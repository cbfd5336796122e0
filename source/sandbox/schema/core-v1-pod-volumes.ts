/** Pod volumes (core/v1). Rarely used or deprecated volume sources are known by name only. */
import {
  bool,
  freeForm,
  int32,
  int64,
  listOf,
  namedString,
  quantity,
  str,
  stringMap,
  struct,
} from './field-schema.ts';
import { labelSelector } from './meta-v1.ts';

export const hostPathVolumeSource = struct('io.k8s.api.core.v1.HostPathVolumeSource', {
  path: str,
  type: namedString('v1.HostPathType'),
});

export const emptyDirVolumeSource = struct('io.k8s.api.core.v1.EmptyDirVolumeSource', {
  medium: namedString('v1.StorageMedium'),
  sizeLimit: quantity,
});

export const keyToPath = struct('io.k8s.api.core.v1.KeyToPath', {
  key: str,
  path: str,
  mode: int32,
});

export const secretVolumeSource = struct('io.k8s.api.core.v1.SecretVolumeSource', {
  secretName: str,
  items: listOf(keyToPath, { listType: 'atomic' }),
  defaultMode: int32,
  optional: bool,
});

export const persistentVolumeClaimVolumeSource = struct(
  'io.k8s.api.core.v1.PersistentVolumeClaimVolumeSource',
  {
    claimName: str,
    readOnly: bool,
  },
);

export const objectFieldSelector = struct(
  'io.k8s.api.core.v1.ObjectFieldSelector',
  {
    apiVersion: str,
    fieldPath: str,
  },
  { mapType: 'atomic' },
);

export const resourceFieldSelector = struct(
  'io.k8s.api.core.v1.ResourceFieldSelector',
  {
    containerName: str,
    resource: str,
    divisor: quantity,
  },
  { mapType: 'atomic' },
);

export const downwardAPIVolumeFile = struct('io.k8s.api.core.v1.DownwardAPIVolumeFile', {
  path: str,
  fieldRef: objectFieldSelector,
  resourceFieldRef: resourceFieldSelector,
  mode: int32,
});

export const downwardAPIVolumeSource = struct('io.k8s.api.core.v1.DownwardAPIVolumeSource', {
  items: listOf(downwardAPIVolumeFile, { listType: 'atomic' }),
  defaultMode: int32,
});

export const localObjectReference = struct(
  'io.k8s.api.core.v1.LocalObjectReference',
  {
    name: str,
  },
  { mapType: 'atomic' },
);

export const configMapVolumeSource = struct('io.k8s.api.core.v1.ConfigMapVolumeSource', {
  ...localObjectReference.fields,
  items: listOf(keyToPath, { listType: 'atomic' }),
  defaultMode: int32,
  optional: bool,
});

export const secretProjection = struct('io.k8s.api.core.v1.SecretProjection', {
  ...localObjectReference.fields,
  items: listOf(keyToPath, { listType: 'atomic' }),
  optional: bool,
});

export const downwardAPIProjection = struct('io.k8s.api.core.v1.DownwardAPIProjection', {
  items: listOf(downwardAPIVolumeFile, { listType: 'atomic' }),
});

export const configMapProjection = struct('io.k8s.api.core.v1.ConfigMapProjection', {
  ...localObjectReference.fields,
  items: listOf(keyToPath, { listType: 'atomic' }),
  optional: bool,
});

export const serviceAccountTokenProjection = struct(
  'io.k8s.api.core.v1.ServiceAccountTokenProjection',
  {
    audience: str,
    expirationSeconds: int64,
    path: str,
  },
);

export const clusterTrustBundleProjection = struct(
  'io.k8s.api.core.v1.ClusterTrustBundleProjection',
  {
    name: str,
    signerName: str,
    labelSelector: labelSelector,
    optional: bool,
    path: str,
  },
);

export const podCertificateProjection = struct('io.k8s.api.core.v1.PodCertificateProjection', {
  signerName: str,
  keyType: str,
  maxExpirationSeconds: int32,
  credentialBundlePath: str,
  keyPath: str,
  certificateChainPath: str,
  userAnnotations: stringMap,
});

export const volumeProjection = struct('io.k8s.api.core.v1.VolumeProjection', {
  secret: secretProjection,
  downwardAPI: downwardAPIProjection,
  configMap: configMapProjection,
  serviceAccountToken: serviceAccountTokenProjection,
  clusterTrustBundle: clusterTrustBundleProjection,
  podCertificate: podCertificateProjection,
});

export const projectedVolumeSource = struct('io.k8s.api.core.v1.ProjectedVolumeSource', {
  sources: listOf(volumeProjection, { listType: 'atomic' }),
  defaultMode: int32,
});

export const csiVolumeSource = struct('io.k8s.api.core.v1.CSIVolumeSource', {
  driver: str,
  readOnly: bool,
  fsType: str,
  volumeAttributes: stringMap,
  nodePublishSecretRef: localObjectReference,
});

export const imageVolumeSource = struct('io.k8s.api.core.v1.ImageVolumeSource', {
  reference: str,
  pullPolicy: namedString('v1.PullPolicy'),
});

const volumeSourceFields = {
  hostPath: hostPathVolumeSource,
  emptyDir: emptyDirVolumeSource,
  gcePersistentDisk: freeForm,
  awsElasticBlockStore: freeForm,
  gitRepo: freeForm,
  secret: secretVolumeSource,
  nfs: freeForm,
  iscsi: freeForm,
  glusterfs: freeForm,
  persistentVolumeClaim: persistentVolumeClaimVolumeSource,
  rbd: freeForm,
  flexVolume: freeForm,
  cinder: freeForm,
  cephfs: freeForm,
  flocker: freeForm,
  downwardAPI: downwardAPIVolumeSource,
  fc: freeForm,
  azureFile: freeForm,
  configMap: configMapVolumeSource,
  vsphereVolume: freeForm,
  quobyte: freeForm,
  azureDisk: freeForm,
  photonPersistentDisk: freeForm,
  projected: projectedVolumeSource,
  portworxVolume: freeForm,
  scaleIO: freeForm,
  storageos: freeForm,
  csi: csiVolumeSource,
  ephemeral: freeForm,
  image: imageVolumeSource,
};

export const volume = struct('io.k8s.api.core.v1.Volume', {
  name: str,
  ...volumeSourceFields,
});

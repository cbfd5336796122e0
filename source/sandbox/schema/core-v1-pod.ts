/** Pod and its status, and the pod template that Deployments and ReplicaSets embed (core/v1). */

import { resourceRequirements } from './core-v1-container.ts';
import { podSpec } from './core-v1-pod-spec.ts';
import {
  bool,
  int32,
  int64,
  listOf,
  mapOf,
  namedString,
  quantity,
  str,
  struct,
  time,
} from './field-schema.ts';
import { objectMeta } from './meta-v1.ts';

export const podCondition = struct('io.k8s.api.core.v1.PodCondition', {
  type: namedString('v1.PodConditionType'),
  observedGeneration: int64,
  status: namedString('v1.ConditionStatus'),
  lastProbeTime: time,
  lastTransitionTime: time,
  reason: str,
  message: str,
});

export const hostIP = struct('io.k8s.api.core.v1.HostIP', {
  ip: str,
});

export const podIP = struct('io.k8s.api.core.v1.PodIP', {
  ip: str,
});

export const containerStateWaiting = struct('io.k8s.api.core.v1.ContainerStateWaiting', {
  reason: str,
  message: str,
});

export const containerStateRunning = struct('io.k8s.api.core.v1.ContainerStateRunning', {
  startedAt: time,
});

export const containerStateTerminated = struct('io.k8s.api.core.v1.ContainerStateTerminated', {
  exitCode: int32,
  signal: int32,
  reason: str,
  message: str,
  startedAt: time,
  finishedAt: time,
  containerID: str,
});

export const containerState = struct('io.k8s.api.core.v1.ContainerState', {
  waiting: containerStateWaiting,
  running: containerStateRunning,
  terminated: containerStateTerminated,
});

export const imageVolumeStatus = struct('io.k8s.api.core.v1.ImageVolumeStatus', {
  imageRef: str,
});

export const volumeStatus = struct('io.k8s.api.core.v1.VolumeStatus', {
  image: imageVolumeStatus,
});

export const volumeMountStatus = struct('io.k8s.api.core.v1.VolumeMountStatus', {
  name: str,
  mountPath: str,
  readOnly: bool,
  recursiveReadOnly: namedString('v1.RecursiveReadOnlyMode'),
  volumeStatus: volumeStatus,
});

export const linuxContainerUser = struct('io.k8s.api.core.v1.LinuxContainerUser', {
  uid: int64,
  gid: int64,
  supplementalGroups: listOf(int64, { listType: 'atomic' }),
});

export const containerUser = struct('io.k8s.api.core.v1.ContainerUser', {
  linux: linuxContainerUser,
});

export const resourceHealth = struct('io.k8s.api.core.v1.ResourceHealth', {
  resourceID: namedString('v1.ResourceID'),
  health: namedString('v1.ResourceHealthStatus'),
  message: str,
});

export const resourceStatus = struct('io.k8s.api.core.v1.ResourceStatus', {
  name: namedString('v1.ResourceName'),
  resources: listOf(resourceHealth, { listType: 'map', mapKeys: ['resourceID'] }),
});

export const containerStatus = struct('io.k8s.api.core.v1.ContainerStatus', {
  name: str,
  state: containerState,
  lastState: containerState,
  ready: bool,
  restartCount: int32,
  image: str,
  imageID: str,
  containerID: str,
  started: bool,
  allocatedResources: mapOf(quantity, { goType: 'v1.ResourceList' }),
  resources: resourceRequirements,
  volumeMounts: listOf(volumeMountStatus, {
    mergeKey: 'mountPath',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['mountPath'],
  }),
  user: containerUser,
  allocatedResourcesStatus: listOf(resourceStatus, {
    mergeKey: 'name',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['name'],
  }),
  stopSignal: namedString('v1.Signal'),
});

export const podResourceClaimStatus = struct('io.k8s.api.core.v1.PodResourceClaimStatus', {
  name: str,
  resourceClaimName: str,
});

export const containerExtendedResourceRequest = struct(
  'io.k8s.api.core.v1.ContainerExtendedResourceRequest',
  {
    containerName: str,
    resourceName: str,
    requestName: str,
  },
);

export const podExtendedResourceClaimStatus = struct(
  'io.k8s.api.core.v1.PodExtendedResourceClaimStatus',
  {
    requestMappings: listOf(containerExtendedResourceRequest, { listType: 'atomic' }),
    resourceClaimName: str,
  },
);

export const nodeAllocatableResourceClaimStatus = struct(
  'io.k8s.api.core.v1.NodeAllocatableResourceClaimStatus',
  {
    resourceClaimName: str,
    containers: listOf(str, { listType: 'set' }),
    resources: mapOf(quantity),
  },
);

export const podStatus = struct('io.k8s.api.core.v1.PodStatus', {
  observedGeneration: int64,
  phase: namedString('v1.PodPhase'),
  conditions: listOf(podCondition, {
    mergeKey: 'type',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['type'],
  }),
  message: str,
  reason: str,
  nominatedNodeName: str,
  hostIP: str,
  hostIPs: listOf(hostIP, { mergeKey: 'ip', strategy: 'merge', listType: 'atomic' }),
  podIP: str,
  podIPs: listOf(podIP, { mergeKey: 'ip', strategy: 'merge', listType: 'map', mapKeys: ['ip'] }),
  startTime: time,
  initContainerStatuses: listOf(containerStatus, { listType: 'atomic' }),
  containerStatuses: listOf(containerStatus, { listType: 'atomic' }),
  qosClass: namedString('v1.PodQOSClass'),
  ephemeralContainerStatuses: listOf(containerStatus, { listType: 'atomic' }),
  resize: namedString('v1.PodResizeStatus'),
  resourceClaimStatuses: listOf(podResourceClaimStatus, {
    mergeKey: 'name',
    strategy: 'merge,retainKeys',
    listType: 'map',
    mapKeys: ['name'],
  }),
  extendedResourceClaimStatus: podExtendedResourceClaimStatus,
  allocatedResources: mapOf(quantity, { goType: 'v1.ResourceList' }),
  resources: resourceRequirements,
  nodeAllocatableResourceClaimStatuses: listOf(nodeAllocatableResourceClaimStatus, {
    listType: 'atomic',
  }),
});

export const pod = struct('io.k8s.api.core.v1.Pod', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: podSpec,
  status: podStatus,
});

export const podTemplateSpec = struct('io.k8s.api.core.v1.PodTemplateSpec', {
  metadata: objectMeta,
  spec: podSpec,
});

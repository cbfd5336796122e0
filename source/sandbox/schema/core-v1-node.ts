/** Node (core/v1). */
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

export const taint = struct('io.k8s.api.core.v1.Taint', {
  key: str,
  value: str,
  effect: namedString('v1.TaintEffect'),
  timeAdded: time,
});

export const configMapNodeConfigSource = struct('io.k8s.api.core.v1.ConfigMapNodeConfigSource', {
  namespace: str,
  name: str,
  uid: namedString('types.UID'),
  resourceVersion: str,
  kubeletConfigKey: str,
});

export const nodeConfigSource = struct('io.k8s.api.core.v1.NodeConfigSource', {
  configMap: configMapNodeConfigSource,
});

export const nodeSpec = struct('io.k8s.api.core.v1.NodeSpec', {
  podCIDR: str,
  podCIDRs: listOf(str, { strategy: 'merge', listType: 'set' }),
  providerID: str,
  unschedulable: bool,
  taints: listOf(taint, { listType: 'atomic' }),
  configSource: nodeConfigSource,
  externalID: str,
});

export const nodeCondition = struct('io.k8s.api.core.v1.NodeCondition', {
  type: namedString('v1.NodeConditionType'),
  status: namedString('v1.ConditionStatus'),
  lastHeartbeatTime: time,
  lastTransitionTime: time,
  reason: str,
  message: str,
});

export const nodeAddress = struct('io.k8s.api.core.v1.NodeAddress', {
  type: namedString('v1.NodeAddressType'),
  address: str,
});

export const daemonEndpoint = struct('io.k8s.api.core.v1.DaemonEndpoint', {
  Port: int32,
});

export const nodeDaemonEndpoints = struct('io.k8s.api.core.v1.NodeDaemonEndpoints', {
  kubeletEndpoint: daemonEndpoint,
});

export const nodeSwapStatus = struct('io.k8s.api.core.v1.NodeSwapStatus', {
  capacity: int64,
});

export const nodeSystemInfo = struct('io.k8s.api.core.v1.NodeSystemInfo', {
  machineID: str,
  systemUUID: str,
  bootID: str,
  kernelVersion: str,
  osImage: str,
  containerRuntimeVersion: str,
  kubeletVersion: str,
  kubeProxyVersion: str,
  operatingSystem: str,
  architecture: str,
  swap: nodeSwapStatus,
});

export const containerImage = struct('io.k8s.api.core.v1.ContainerImage', {
  names: listOf(str, { listType: 'atomic' }),
  sizeBytes: int64,
});

export const attachedVolume = struct('io.k8s.api.core.v1.AttachedVolume', {
  name: namedString('v1.UniqueVolumeName'),
  devicePath: str,
});

export const nodeConfigStatus = struct('io.k8s.api.core.v1.NodeConfigStatus', {
  assigned: nodeConfigSource,
  active: nodeConfigSource,
  lastKnownGood: nodeConfigSource,
  error: str,
});

export const nodeRuntimeHandlerFeatures = struct('io.k8s.api.core.v1.NodeRuntimeHandlerFeatures', {
  recursiveReadOnlyMounts: bool,
  userNamespaces: bool,
});

export const nodeRuntimeHandler = struct('io.k8s.api.core.v1.NodeRuntimeHandler', {
  name: str,
  features: nodeRuntimeHandlerFeatures,
});

export const nodeFeatures = struct('io.k8s.api.core.v1.NodeFeatures', {
  supplementalGroupsPolicy: bool,
});

export const nodeStatus = struct('io.k8s.api.core.v1.NodeStatus', {
  capacity: mapOf(quantity, { goType: 'v1.ResourceList' }),
  allocatable: mapOf(quantity, { goType: 'v1.ResourceList' }),
  phase: namedString('v1.NodePhase'),
  conditions: listOf(nodeCondition, {
    mergeKey: 'type',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['type'],
  }),
  addresses: listOf(nodeAddress, {
    mergeKey: 'type',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['type'],
  }),
  daemonEndpoints: nodeDaemonEndpoints,
  nodeInfo: nodeSystemInfo,
  images: listOf(containerImage, { listType: 'atomic' }),
  volumesInUse: listOf(namedString('v1.UniqueVolumeName'), { listType: 'atomic' }),
  volumesAttached: listOf(attachedVolume, { listType: 'atomic' }),
  config: nodeConfigStatus,
  runtimeHandlers: listOf(nodeRuntimeHandler, { listType: 'atomic' }),
  features: nodeFeatures,
  declaredFeatures: listOf(str, { listType: 'atomic' }),
});

export const node = struct('io.k8s.api.core.v1.Node', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: nodeSpec,
  status: nodeStatus,
});

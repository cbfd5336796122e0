/** PodSpec (core/v1): scheduling (nodeSelector, affinity, tolerations), DNS, security, containers. */

import {
  appArmorProfile,
  container,
  ephemeralContainer,
  resourceRequirements,
  seccompProfile,
  seLinuxOptions,
  windowsSecurityContextOptions,
} from './core-v1-container.ts';
import { localObjectReference, volume } from './core-v1-pod-volumes.ts';
import {
  bool,
  int32,
  int64,
  listOf,
  mapOf,
  namedString,
  quantity,
  str,
  stringMapWith,
  struct,
} from './field-schema.ts';
import { labelSelector } from './meta-v1.ts';

export const sysctl = struct('io.k8s.api.core.v1.Sysctl', {
  name: str,
  value: str,
});

export const podSecurityContext = struct('io.k8s.api.core.v1.PodSecurityContext', {
  seLinuxOptions: seLinuxOptions,
  windowsOptions: windowsSecurityContextOptions,
  runAsUser: int64,
  runAsGroup: int64,
  runAsNonRoot: bool,
  supplementalGroups: listOf(int64, { listType: 'atomic' }),
  supplementalGroupsPolicy: namedString('v1.SupplementalGroupsPolicy'),
  fsGroup: int64,
  sysctls: listOf(sysctl, { listType: 'atomic' }),
  fsGroupChangePolicy: namedString('v1.PodFSGroupChangePolicy'),
  seccompProfile: seccompProfile,
  appArmorProfile: appArmorProfile,
  seLinuxChangePolicy: namedString('v1.PodSELinuxChangePolicy'),
});

export const nodeSelectorRequirement = struct('io.k8s.api.core.v1.NodeSelectorRequirement', {
  key: str,
  operator: namedString('v1.NodeSelectorOperator'),
  values: listOf(str, { listType: 'atomic' }),
});

export const nodeSelectorTerm = struct(
  'io.k8s.api.core.v1.NodeSelectorTerm',
  {
    matchExpressions: listOf(nodeSelectorRequirement, { listType: 'atomic' }),
    matchFields: listOf(nodeSelectorRequirement, { listType: 'atomic' }),
  },
  { mapType: 'atomic' },
);

export const nodeSelector = struct(
  'io.k8s.api.core.v1.NodeSelector',
  {
    nodeSelectorTerms: listOf(nodeSelectorTerm, { listType: 'atomic' }),
  },
  { mapType: 'atomic' },
);

export const preferredSchedulingTerm = struct('io.k8s.api.core.v1.PreferredSchedulingTerm', {
  weight: int32,
  preference: nodeSelectorTerm,
});

export const nodeAffinity = struct('io.k8s.api.core.v1.NodeAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: nodeSelector,
  preferredDuringSchedulingIgnoredDuringExecution: listOf(preferredSchedulingTerm, {
    listType: 'atomic',
  }),
});

export const podAffinityTerm = struct('io.k8s.api.core.v1.PodAffinityTerm', {
  labelSelector: labelSelector,
  namespaces: listOf(str, { listType: 'atomic' }),
  topologyKey: str,
  namespaceSelector: labelSelector,
  matchLabelKeys: listOf(str, { listType: 'atomic' }),
  mismatchLabelKeys: listOf(str, { listType: 'atomic' }),
});

export const weightedPodAffinityTerm = struct('io.k8s.api.core.v1.WeightedPodAffinityTerm', {
  weight: int32,
  podAffinityTerm: podAffinityTerm,
});

export const podAffinity = struct('io.k8s.api.core.v1.PodAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: listOf(podAffinityTerm, { listType: 'atomic' }),
  preferredDuringSchedulingIgnoredDuringExecution: listOf(weightedPodAffinityTerm, {
    listType: 'atomic',
  }),
});

export const podAntiAffinity = struct('io.k8s.api.core.v1.PodAntiAffinity', {
  requiredDuringSchedulingIgnoredDuringExecution: listOf(podAffinityTerm, { listType: 'atomic' }),
  preferredDuringSchedulingIgnoredDuringExecution: listOf(weightedPodAffinityTerm, {
    listType: 'atomic',
  }),
});

export const affinity = struct('io.k8s.api.core.v1.Affinity', {
  nodeAffinity: nodeAffinity,
  podAffinity: podAffinity,
  podAntiAffinity: podAntiAffinity,
});

export const toleration = struct('io.k8s.api.core.v1.Toleration', {
  key: str,
  operator: namedString('v1.TolerationOperator'),
  value: str,
  effect: namedString('v1.TaintEffect'),
  tolerationSeconds: int64,
});

export const hostAlias = struct('io.k8s.api.core.v1.HostAlias', {
  ip: str,
  hostnames: listOf(str, { listType: 'atomic' }),
});

export const podDNSConfigOption = struct('io.k8s.api.core.v1.PodDNSConfigOption', {
  name: str,
  value: str,
});

export const podDNSConfig = struct('io.k8s.api.core.v1.PodDNSConfig', {
  nameservers: listOf(str, { listType: 'atomic' }),
  searches: listOf(str, { listType: 'atomic' }),
  options: listOf(podDNSConfigOption, { listType: 'atomic' }),
});

export const podReadinessGate = struct('io.k8s.api.core.v1.PodReadinessGate', {
  conditionType: namedString('v1.PodConditionType'),
});

export const topologySpreadConstraint = struct('io.k8s.api.core.v1.TopologySpreadConstraint', {
  maxSkew: int32,
  topologyKey: str,
  whenUnsatisfiable: namedString('v1.UnsatisfiableConstraintAction'),
  labelSelector: labelSelector,
  minDomains: int32,
  nodeAffinityPolicy: namedString('v1.NodeInclusionPolicy'),
  nodeTaintsPolicy: namedString('v1.NodeInclusionPolicy'),
  matchLabelKeys: listOf(str, { listType: 'atomic' }),
});

export const podOS = struct('io.k8s.api.core.v1.PodOS', {
  name: namedString('v1.OSName'),
});

export const podSchedulingGate = struct('io.k8s.api.core.v1.PodSchedulingGate', {
  name: str,
});

export const podResourceClaim = struct('io.k8s.api.core.v1.PodResourceClaim', {
  name: str,
  resourceClaimName: str,
  resourceClaimTemplateName: str,
});

export const podSchedulingGroup = struct('io.k8s.api.core.v1.PodSchedulingGroup', {
  podGroupName: str,
});

export const podSpec = struct('io.k8s.api.core.v1.PodSpec', {
  volumes: listOf(volume, {
    mergeKey: 'name',
    strategy: 'merge,retainKeys',
    listType: 'map',
    mapKeys: ['name'],
  }),
  initContainers: listOf(container, {
    mergeKey: 'name',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['name'],
  }),
  containers: listOf(container, {
    mergeKey: 'name',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['name'],
  }),
  ephemeralContainers: listOf(ephemeralContainer, {
    mergeKey: 'name',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['name'],
  }),
  restartPolicy: namedString('v1.RestartPolicy'),
  terminationGracePeriodSeconds: int64,
  activeDeadlineSeconds: int64,
  dnsPolicy: namedString('v1.DNSPolicy'),
  nodeSelector: stringMapWith({ mapType: 'atomic' }),
  serviceAccountName: str,
  serviceAccount: str,
  automountServiceAccountToken: bool,
  nodeName: str,
  hostNetwork: bool,
  hostPID: bool,
  hostIPC: bool,
  shareProcessNamespace: bool,
  securityContext: podSecurityContext,
  imagePullSecrets: listOf(localObjectReference, {
    mergeKey: 'name',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['name'],
  }),
  hostname: str,
  subdomain: str,
  affinity: affinity,
  schedulerName: str,
  tolerations: listOf(toleration, { listType: 'atomic' }),
  hostAliases: listOf(hostAlias, {
    mergeKey: 'ip',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['ip'],
  }),
  priorityClassName: str,
  priority: int32,
  dnsConfig: podDNSConfig,
  readinessGates: listOf(podReadinessGate, { listType: 'atomic' }),
  runtimeClassName: str,
  enableServiceLinks: bool,
  preemptionPolicy: namedString('v1.PreemptionPolicy'),
  overhead: mapOf(quantity, { goType: 'v1.ResourceList' }),
  topologySpreadConstraints: listOf(topologySpreadConstraint, {
    mergeKey: 'topologyKey',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['topologyKey', 'whenUnsatisfiable'],
  }),
  setHostnameAsFQDN: bool,
  os: podOS,
  hostUsers: bool,
  schedulingGates: listOf(podSchedulingGate, {
    mergeKey: 'name',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['name'],
  }),
  resourceClaims: listOf(podResourceClaim, {
    mergeKey: 'name',
    strategy: 'merge,retainKeys',
    listType: 'map',
    mapKeys: ['name'],
  }),
  resources: resourceRequirements,
  hostnameOverride: str,
  schedulingGroup: podSchedulingGroup,
});

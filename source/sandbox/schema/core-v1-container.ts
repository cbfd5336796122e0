/** Containers (core/v1): ports, env, resources, probes, lifecycle, security context. */

import {
  localObjectReference,
  objectFieldSelector,
  resourceFieldSelector,
} from './core-v1-pod-volumes.ts';
import {
  bool,
  int32,
  int64,
  intOrString,
  listOf,
  mapOf,
  namedString,
  quantity,
  str,
  struct,
} from './field-schema.ts';

export const containerPort = struct('io.k8s.api.core.v1.ContainerPort', {
  name: str,
  hostPort: int32,
  containerPort: int32,
  protocol: namedString('v1.Protocol'),
  hostIP: str,
});

export const configMapEnvSource = struct('io.k8s.api.core.v1.ConfigMapEnvSource', {
  ...localObjectReference.fields,
  optional: bool,
});

export const secretEnvSource = struct('io.k8s.api.core.v1.SecretEnvSource', {
  ...localObjectReference.fields,
  optional: bool,
});

export const envFromSource = struct('io.k8s.api.core.v1.EnvFromSource', {
  prefix: str,
  configMapRef: configMapEnvSource,
  secretRef: secretEnvSource,
});

export const configMapKeySelector = struct(
  'io.k8s.api.core.v1.ConfigMapKeySelector',
  {
    ...localObjectReference.fields,
    key: str,
    optional: bool,
  },
  { mapType: 'atomic' },
);

export const secretKeySelector = struct(
  'io.k8s.api.core.v1.SecretKeySelector',
  {
    ...localObjectReference.fields,
    key: str,
    optional: bool,
  },
  { mapType: 'atomic' },
);

export const fileKeySelector = struct(
  'io.k8s.api.core.v1.FileKeySelector',
  {
    volumeName: str,
    path: str,
    key: str,
    optional: bool,
  },
  { mapType: 'atomic' },
);

export const envVarSource = struct('io.k8s.api.core.v1.EnvVarSource', {
  fieldRef: objectFieldSelector,
  resourceFieldRef: resourceFieldSelector,
  configMapKeyRef: configMapKeySelector,
  secretKeyRef: secretKeySelector,
  fileKeyRef: fileKeySelector,
});

export const envVar = struct('io.k8s.api.core.v1.EnvVar', {
  name: str,
  value: str,
  valueFrom: envVarSource,
});

export const resourceClaim = struct('io.k8s.api.core.v1.ResourceClaim', {
  name: str,
  request: str,
});

export const resourceRequirements = struct('io.k8s.api.core.v1.ResourceRequirements', {
  limits: mapOf(quantity, { goType: 'v1.ResourceList' }),
  requests: mapOf(quantity, { goType: 'v1.ResourceList' }),
  claims: listOf(resourceClaim, { listType: 'map', mapKeys: ['name'] }),
});

export const containerResizePolicy = struct('io.k8s.api.core.v1.ContainerResizePolicy', {
  resourceName: namedString('v1.ResourceName'),
  restartPolicy: namedString('v1.ResourceResizeRestartPolicy'),
});

export const containerRestartRuleOnExitCodes = struct(
  'io.k8s.api.core.v1.ContainerRestartRuleOnExitCodes',
  {
    operator: namedString('v1.ContainerRestartRuleOnExitCodesOperator'),
    values: listOf(int32, { listType: 'set' }),
  },
);

export const containerRestartRule = struct('io.k8s.api.core.v1.ContainerRestartRule', {
  action: namedString('v1.ContainerRestartRuleAction'),
  exitCodes: containerRestartRuleOnExitCodes,
});

export const volumeMount = struct('io.k8s.api.core.v1.VolumeMount', {
  name: str,
  readOnly: bool,
  recursiveReadOnly: namedString('v1.RecursiveReadOnlyMode'),
  mountPath: str,
  subPath: str,
  mountPropagation: namedString('v1.MountPropagationMode'),
  subPathExpr: str,
});

export const volumeDevice = struct('io.k8s.api.core.v1.VolumeDevice', {
  name: str,
  devicePath: str,
});

export const execAction = struct('io.k8s.api.core.v1.ExecAction', {
  command: listOf(str, { listType: 'atomic' }),
});

export const httpHeader = struct('io.k8s.api.core.v1.HTTPHeader', {
  name: str,
  value: str,
});

export const httpGetAction = struct('io.k8s.api.core.v1.HTTPGetAction', {
  path: str,
  port: intOrString,
  host: str,
  scheme: namedString('v1.URIScheme'),
  httpHeaders: listOf(httpHeader, { listType: 'atomic' }),
});

export const tcpSocketAction = struct('io.k8s.api.core.v1.TCPSocketAction', {
  port: intOrString,
  host: str,
});

export const grpcAction = struct('io.k8s.api.core.v1.GRPCAction', {
  port: int32,
  service: str,
});

export const probeHandler = struct('io.k8s.api.core.v1.ProbeHandler', {
  exec: execAction,
  httpGet: httpGetAction,
  tcpSocket: tcpSocketAction,
  grpc: grpcAction,
});

export const probe = struct('io.k8s.api.core.v1.Probe', {
  ...probeHandler.fields,
  initialDelaySeconds: int32,
  timeoutSeconds: int32,
  periodSeconds: int32,
  successThreshold: int32,
  failureThreshold: int32,
  terminationGracePeriodSeconds: int64,
});

export const sleepAction = struct('io.k8s.api.core.v1.SleepAction', {
  seconds: int64,
});

export const lifecycleHandler = struct('io.k8s.api.core.v1.LifecycleHandler', {
  exec: execAction,
  httpGet: httpGetAction,
  tcpSocket: tcpSocketAction,
  sleep: sleepAction,
});

export const lifecycle = struct('io.k8s.api.core.v1.Lifecycle', {
  postStart: lifecycleHandler,
  preStop: lifecycleHandler,
  stopSignal: namedString('v1.Signal'),
});

export const capabilities = struct('io.k8s.api.core.v1.Capabilities', {
  add: listOf(namedString('v1.Capability'), { listType: 'atomic' }),
  drop: listOf(namedString('v1.Capability'), { listType: 'atomic' }),
});

export const seLinuxOptions = struct('io.k8s.api.core.v1.SELinuxOptions', {
  user: str,
  role: str,
  type: str,
  level: str,
});

export const windowsSecurityContextOptions = struct(
  'io.k8s.api.core.v1.WindowsSecurityContextOptions',
  {
    gmsaCredentialSpecName: str,
    gmsaCredentialSpec: str,
    runAsUserName: str,
    hostProcess: bool,
  },
);

export const seccompProfile = struct('io.k8s.api.core.v1.SeccompProfile', {
  type: namedString('v1.SeccompProfileType'),
  localhostProfile: str,
});

export const appArmorProfile = struct('io.k8s.api.core.v1.AppArmorProfile', {
  type: namedString('v1.AppArmorProfileType'),
  localhostProfile: str,
});

export const securityContext = struct('io.k8s.api.core.v1.SecurityContext', {
  capabilities: capabilities,
  privileged: bool,
  seLinuxOptions: seLinuxOptions,
  windowsOptions: windowsSecurityContextOptions,
  runAsUser: int64,
  runAsGroup: int64,
  runAsNonRoot: bool,
  readOnlyRootFilesystem: bool,
  allowPrivilegeEscalation: bool,
  procMount: namedString('v1.ProcMountType'),
  seccompProfile: seccompProfile,
  appArmorProfile: appArmorProfile,
});

export const container = struct('io.k8s.api.core.v1.Container', {
  name: str,
  image: str,
  command: listOf(str, { listType: 'atomic' }),
  args: listOf(str, { listType: 'atomic' }),
  workingDir: str,
  ports: listOf(containerPort, {
    mergeKey: 'containerPort',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['containerPort', 'protocol'],
  }),
  envFrom: listOf(envFromSource, { listType: 'atomic' }),
  env: listOf(envVar, { mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'] }),
  resources: resourceRequirements,
  resizePolicy: listOf(containerResizePolicy, { listType: 'atomic' }),
  restartPolicy: namedString('v1.ContainerRestartPolicy'),
  restartPolicyRules: listOf(containerRestartRule, { listType: 'atomic' }),
  volumeMounts: listOf(volumeMount, {
    mergeKey: 'mountPath',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['mountPath'],
  }),
  volumeDevices: listOf(volumeDevice, {
    mergeKey: 'devicePath',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['devicePath'],
  }),
  livenessProbe: probe,
  readinessProbe: probe,
  startupProbe: probe,
  lifecycle: lifecycle,
  terminationMessagePath: str,
  terminationMessagePolicy: namedString('v1.TerminationMessagePolicy'),
  imagePullPolicy: namedString('v1.PullPolicy'),
  securityContext: securityContext,
  stdin: bool,
  stdinOnce: bool,
  tty: bool,
});

export const ephemeralContainer = struct('io.k8s.api.core.v1.EphemeralContainer', {
  // EphemeralContainerCommon has exactly the Container fields.
  ...container.fields,
  targetContainerName: str,
});

/**
 * core/v1 Pods: the pod spec, containers, probes and the pod template workloads carry.
 * Affinity, ephemeral containers and container statuses are skipped like unknown fields.
 */

import { localObjectReference } from './core-v1-messages.ts';
import {
  objectFieldSelector,
  resourceFieldSelector,
  volume,
  volumeMount,
} from './core-v1-volume-messages.ts';
import { mapOf, message, repeated } from './message-descriptor.ts';
import { labelSelector, objectMeta } from './meta-v1-messages.ts';
import { intOrString, quantity, time } from './scalar-messages.ts';

const containerPort = message('ContainerPort', [
  [1, 'name', 'string'],
  [2, 'hostPort', 'int32'],
  [3, 'containerPort', 'int32', 'always'],
  [4, 'protocol', 'string'],
  [5, 'hostIP', 'string'],
]);

const keySelector = (name: string) =>
  message(name, [
    [1, 'localObjectReference', localObjectReference, 'inline'],
    [2, 'key', 'string', 'always'],
    [3, 'optional', 'bool', 'pointer'],
  ]);

const envVar = message('EnvVar', [
  [1, 'name', 'string', 'always'],
  [2, 'value', 'string'],
  [
    3,
    'valueFrom',
    message('EnvVarSource', [
      [1, 'fieldRef', objectFieldSelector, 'pointer'],
      [2, 'resourceFieldRef', resourceFieldSelector, 'pointer'],
      [3, 'configMapKeyRef', keySelector('ConfigMapKeySelector'), 'pointer'],
      [4, 'secretKeyRef', keySelector('SecretKeySelector'), 'pointer'],
    ]),
    'pointer',
  ],
]);

const envSource = (name: string) =>
  message(name, [
    [1, 'localObjectReference', localObjectReference, 'inline'],
    [2, 'optional', 'bool', 'pointer'],
  ]);

const envFromSource = message('EnvFromSource', [
  [1, 'prefix', 'string'],
  [2, 'configMapRef', envSource('ConfigMapEnvSource'), 'pointer'],
  [3, 'secretRef', envSource('SecretEnvSource'), 'pointer'],
]);

export const resourceRequirements = message('ResourceRequirements', [
  [1, 'limits', mapOf(quantity)],
  [2, 'requests', mapOf(quantity)],
  [
    3,
    'claims',
    repeated(
      message('ResourceClaim', [
        [1, 'name', 'string', 'always'],
        [2, 'request', 'string'],
      ]),
    ),
  ],
]);

const execAction = message('ExecAction', [[1, 'command', repeated('string')]]);

const httpGetAction = message('HTTPGetAction', [
  [1, 'path', 'string'],
  [2, 'port', intOrString],
  [3, 'host', 'string'],
  [4, 'scheme', 'string'],
  [
    5,
    'httpHeaders',
    repeated(
      message('HTTPHeader', [
        [1, 'name', 'string', 'always'],
        [2, 'value', 'string', 'always'],
      ]),
    ),
  ],
]);

const tcpSocketAction = message('TCPSocketAction', [
  [1, 'port', intOrString],
  [2, 'host', 'string'],
]);

const probe = message('Probe', [
  [
    1,
    'handler',
    message('ProbeHandler', [
      [1, 'exec', execAction, 'pointer'],
      [2, 'httpGet', httpGetAction, 'pointer'],
      [3, 'tcpSocket', tcpSocketAction, 'pointer'],
      [
        4,
        'grpc',
        message('GRPCAction', [
          [1, 'port', 'int32', 'always'],
          [2, 'service', 'string', 'nullable'],
        ]),
        'pointer',
      ],
    ]),
    'inline',
  ],
  [2, 'initialDelaySeconds', 'int32'],
  [3, 'timeoutSeconds', 'int32'],
  [4, 'periodSeconds', 'int32'],
  [5, 'successThreshold', 'int32'],
  [6, 'failureThreshold', 'int32'],
  [7, 'terminationGracePeriodSeconds', 'int64', 'pointer'],
]);

const lifecycleHandler = message('LifecycleHandler', [
  [1, 'exec', execAction, 'pointer'],
  [2, 'httpGet', httpGetAction, 'pointer'],
  [3, 'tcpSocket', tcpSocketAction, 'pointer'],
  [4, 'sleep', message('SleepAction', [[1, 'seconds', 'int64', 'always']]), 'pointer'],
]);

const lifecycle = message('Lifecycle', [
  [1, 'postStart', lifecycleHandler, 'pointer'],
  [2, 'preStop', lifecycleHandler, 'pointer'],
  [3, 'stopSignal', 'string', 'pointer'],
]);

const seccompProfile = message('SeccompProfile', [
  [1, 'type', 'string', 'always'],
  [2, 'localhostProfile', 'string', 'pointer'],
]);

const seLinuxOptions = message('SELinuxOptions', [
  [1, 'user', 'string'],
  [2, 'role', 'string'],
  [3, 'type', 'string'],
  [4, 'level', 'string'],
]);

const securityContext = message('SecurityContext', [
  [
    1,
    'capabilities',
    message('Capabilities', [
      [1, 'add', repeated('string')],
      [2, 'drop', repeated('string')],
    ]),
    'pointer',
  ],
  [2, 'privileged', 'bool', 'pointer'],
  [3, 'seLinuxOptions', seLinuxOptions, 'pointer'],
  [4, 'runAsUser', 'int64', 'pointer'],
  [5, 'runAsNonRoot', 'bool', 'pointer'],
  [6, 'readOnlyRootFilesystem', 'bool', 'pointer'],
  [7, 'allowPrivilegeEscalation', 'bool', 'pointer'],
  [8, 'runAsGroup', 'int64', 'pointer'],
  [9, 'procMount', 'string', 'pointer'],
  [11, 'seccompProfile', seccompProfile, 'pointer'],
]);

const podSecurityContext = message('PodSecurityContext', [
  [1, 'seLinuxOptions', seLinuxOptions, 'pointer'],
  [2, 'runAsUser', 'int64', 'pointer'],
  [3, 'runAsNonRoot', 'bool', 'pointer'],
  [4, 'supplementalGroups', repeated('int64')],
  [5, 'fsGroup', 'int64', 'pointer'],
  [6, 'runAsGroup', 'int64', 'pointer'],
  [
    7,
    'sysctls',
    repeated(
      message('Sysctl', [
        [1, 'name', 'string', 'always'],
        [2, 'value', 'string', 'always'],
      ]),
    ),
  ],
  [9, 'fsGroupChangePolicy', 'string', 'pointer'],
  [10, 'seccompProfile', seccompProfile, 'pointer'],
]);

export const container = message('Container', [
  [1, 'name', 'string', 'always'],
  [2, 'image', 'string'],
  [3, 'command', repeated('string')],
  [4, 'args', repeated('string')],
  [5, 'workingDir', 'string'],
  [6, 'ports', repeated(containerPort)],
  [7, 'env', repeated(envVar)],
  [8, 'resources', resourceRequirements],
  [9, 'volumeMounts', repeated(volumeMount)],
  [10, 'livenessProbe', probe, 'pointer'],
  [11, 'readinessProbe', probe, 'pointer'],
  [12, 'lifecycle', lifecycle, 'pointer'],
  [13, 'terminationMessagePath', 'string'],
  [14, 'imagePullPolicy', 'string'],
  [15, 'securityContext', securityContext, 'pointer'],
  [16, 'stdin', 'bool'],
  [17, 'stdinOnce', 'bool'],
  [18, 'tty', 'bool'],
  [19, 'envFrom', repeated(envFromSource)],
  [20, 'terminationMessagePolicy', 'string'],
  [22, 'startupProbe', probe, 'pointer'],
  [
    23,
    'resizePolicy',
    repeated(
      message('ContainerResizePolicy', [
        [1, 'resourceName', 'string', 'always'],
        [2, 'restartPolicy', 'string', 'always'],
      ]),
    ),
  ],
  [24, 'restartPolicy', 'string', 'pointer'],
]);

const toleration = message('Toleration', [
  [1, 'key', 'string'],
  [2, 'operator', 'string'],
  [3, 'value', 'string'],
  [4, 'effect', 'string'],
  [5, 'tolerationSeconds', 'int64', 'pointer'],
]);

const hostAlias = message('HostAlias', [
  [1, 'ip', 'string', 'always'],
  [2, 'hostnames', repeated('string')],
]);

const podDNSConfig = message('PodDNSConfig', [
  [1, 'nameservers', repeated('string')],
  [2, 'searches', repeated('string')],
  [
    3,
    'options',
    repeated(
      message('PodDNSConfigOption', [
        [1, 'name', 'string'],
        [2, 'value', 'string', 'pointer'],
      ]),
    ),
  ],
]);

const topologySpreadConstraint = message('TopologySpreadConstraint', [
  [1, 'maxSkew', 'int32', 'always'],
  [2, 'topologyKey', 'string', 'always'],
  [3, 'whenUnsatisfiable', 'string', 'always'],
  [4, 'labelSelector', labelSelector, 'pointer'],
  [5, 'minDomains', 'int32', 'pointer'],
  [6, 'nodeAffinityPolicy', 'string', 'pointer'],
  [7, 'nodeTaintsPolicy', 'string', 'pointer'],
  [8, 'matchLabelKeys', repeated('string')],
]);

export const podSpec = message('PodSpec', [
  [1, 'volumes', repeated(volume)],
  [2, 'containers', repeated(container), 'always'],
  [3, 'restartPolicy', 'string'],
  [4, 'terminationGracePeriodSeconds', 'int64', 'pointer'],
  [5, 'activeDeadlineSeconds', 'int64', 'pointer'],
  [6, 'dnsPolicy', 'string'],
  [7, 'nodeSelector', mapOf('string')],
  [8, 'serviceAccountName', 'string'],
  [9, 'serviceAccount', 'string'],
  [10, 'nodeName', 'string'],
  [11, 'hostNetwork', 'bool'],
  [12, 'hostPID', 'bool'],
  [13, 'hostIPC', 'bool'],
  [14, 'securityContext', podSecurityContext, 'pointer'],
  [15, 'imagePullSecrets', repeated(localObjectReference)],
  [16, 'hostname', 'string'],
  [17, 'subdomain', 'string'],
  [19, 'schedulerName', 'string'],
  [20, 'initContainers', repeated(container)],
  [21, 'automountServiceAccountToken', 'bool', 'pointer'],
  [22, 'tolerations', repeated(toleration)],
  [23, 'hostAliases', repeated(hostAlias)],
  [24, 'priorityClassName', 'string'],
  [25, 'priority', 'int32', 'pointer'],
  [26, 'dnsConfig', podDNSConfig, 'pointer'],
  [27, 'shareProcessNamespace', 'bool', 'pointer'],
  [
    28,
    'readinessGates',
    repeated(message('PodReadinessGate', [[1, 'conditionType', 'string', 'always']])),
  ],
  [29, 'runtimeClassName', 'string', 'pointer'],
  [30, 'enableServiceLinks', 'bool', 'pointer'],
  [31, 'preemptionPolicy', 'string', 'pointer'],
  [32, 'overhead', mapOf(quantity)],
  [33, 'topologySpreadConstraints', repeated(topologySpreadConstraint)],
  [35, 'setHostnameAsFQDN', 'bool', 'pointer'],
  [36, 'os', message('PodOS', [[1, 'name', 'string', 'always']]), 'pointer'],
  [37, 'hostUsers', 'bool', 'pointer'],
  [
    38,
    'schedulingGates',
    repeated(message('PodSchedulingGate', [[1, 'name', 'string', 'always']])),
  ],
  [40, 'resources', resourceRequirements, 'pointer'],
]);

export const podTemplateSpec = message('PodTemplateSpec', [
  [1, 'metadata', objectMeta],
  [2, 'spec', podSpec],
]);

const podCondition = message('PodCondition', [
  [1, 'type', 'string', 'always'],
  [2, 'status', 'string', 'always'],
  [3, 'lastProbeTime', time],
  [4, 'lastTransitionTime', time],
  [5, 'reason', 'string'],
  [6, 'message', 'string'],
  [7, 'observedGeneration', 'int64'],
]);

const podIP = (name: string) => message(name, [[1, 'ip', 'string', 'always']]);

const podStatus = message('PodStatus', [
  [1, 'phase', 'string'],
  [2, 'conditions', repeated(podCondition)],
  [3, 'message', 'string'],
  [4, 'reason', 'string'],
  [5, 'hostIP', 'string'],
  [6, 'podIP', 'string'],
  [7, 'startTime', time, 'pointer'],
  [9, 'qosClass', 'string'],
  [11, 'nominatedNodeName', 'string'],
  [12, 'podIPs', repeated(podIP('PodIP'))],
  [16, 'hostIPs', repeated(podIP('HostIP'))],
  [17, 'observedGeneration', 'int64'],
]);

export const pod = message('Pod', [
  [1, 'metadata', objectMeta],
  [2, 'spec', podSpec],
  [3, 'status', podStatus],
]);

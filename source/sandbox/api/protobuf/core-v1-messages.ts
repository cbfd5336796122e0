/** core/v1: namespaces, config, secrets, service accounts, Services and Endpoints. */

import { mapOf, message, repeated } from './message-descriptor.ts';
import { condition, objectMeta } from './meta-v1-messages.ts';
import { intOrString, time } from './scalar-messages.ts';

export const objectReference = message('ObjectReference', [
  [1, 'kind', 'string'],
  [2, 'namespace', 'string'],
  [3, 'name', 'string'],
  [4, 'uid', 'string'],
  [5, 'apiVersion', 'string'],
  [6, 'resourceVersion', 'string'],
  [7, 'fieldPath', 'string'],
]);

export const localObjectReference = message('LocalObjectReference', [[1, 'name', 'string']]);

export const typedLocalObjectReference = message('TypedLocalObjectReference', [
  [1, 'apiGroup', 'string', 'nullable'],
  [2, 'kind', 'string', 'always'],
  [3, 'name', 'string', 'always'],
]);

const namespaceCondition = message('NamespaceCondition', [
  [1, 'type', 'string', 'always'],
  [2, 'status', 'string', 'always'],
  [4, 'lastTransitionTime', time],
  [5, 'reason', 'string'],
  [6, 'message', 'string'],
]);

export const namespace = message('Namespace', [
  [1, 'metadata', objectMeta],
  [2, 'spec', message('NamespaceSpec', [[1, 'finalizers', repeated('string')]])],
  [
    3,
    'status',
    message('NamespaceStatus', [
      [1, 'phase', 'string'],
      [2, 'conditions', repeated(namespaceCondition)],
    ]),
  ],
]);

export const configMap = message('ConfigMap', [
  [1, 'metadata', objectMeta],
  [2, 'data', mapOf('string')],
  [3, 'binaryData', mapOf('bytes')],
  [4, 'immutable', 'bool', 'pointer'],
]);

export const secret = message('Secret', [
  [1, 'metadata', objectMeta],
  [2, 'data', mapOf('bytes')],
  [3, 'type', 'string'],
  [4, 'stringData', mapOf('string')],
  [5, 'immutable', 'bool', 'pointer'],
]);

export const serviceAccount = message('ServiceAccount', [
  [1, 'metadata', objectMeta],
  [2, 'secrets', repeated(objectReference)],
  [3, 'imagePullSecrets', repeated(localObjectReference)],
  [4, 'automountServiceAccountToken', 'bool', 'pointer'],
]);

export const servicePort = message('ServicePort', [
  [1, 'name', 'string'],
  [2, 'protocol', 'string'],
  [3, 'port', 'int32', 'always'],
  [4, 'targetPort', intOrString],
  [5, 'nodePort', 'int32'],
  [6, 'appProtocol', 'string', 'pointer'],
]);

const sessionAffinityConfig = message('SessionAffinityConfig', [
  [
    1,
    'clientIP',
    message('ClientIPConfig', [[1, 'timeoutSeconds', 'int32', 'pointer']]),
    'pointer',
  ],
]);

export const serviceSpec = message('ServiceSpec', [
  [1, 'ports', repeated(servicePort)],
  [2, 'selector', mapOf('string')],
  [3, 'clusterIP', 'string'],
  [4, 'type', 'string'],
  [5, 'externalIPs', repeated('string')],
  [7, 'sessionAffinity', 'string'],
  [8, 'loadBalancerIP', 'string'],
  [9, 'loadBalancerSourceRanges', repeated('string')],
  [10, 'externalName', 'string'],
  [11, 'externalTrafficPolicy', 'string'],
  [12, 'healthCheckNodePort', 'int32'],
  [13, 'publishNotReadyAddresses', 'bool'],
  [14, 'sessionAffinityConfig', sessionAffinityConfig, 'pointer'],
  [17, 'ipFamilyPolicy', 'string', 'pointer'],
  [18, 'clusterIPs', repeated('string')],
  [19, 'ipFamilies', repeated('string')],
  [20, 'allocateLoadBalancerNodePorts', 'bool', 'pointer'],
  [21, 'loadBalancerClass', 'string', 'pointer'],
  [22, 'internalTrafficPolicy', 'string', 'pointer'],
  [23, 'trafficDistribution', 'string', 'pointer'],
]);

const portStatus = message('PortStatus', [
  [1, 'port', 'int32', 'always'],
  [2, 'protocol', 'string', 'always'],
  [3, 'error', 'string', 'pointer'],
]);

export const loadBalancerStatus = message('LoadBalancerStatus', [
  [
    1,
    'ingress',
    repeated(
      message('LoadBalancerIngress', [
        [1, 'ip', 'string'],
        [2, 'hostname', 'string'],
        [3, 'ipMode', 'string', 'pointer'],
        [4, 'ports', repeated(portStatus)],
      ]),
    ),
  ],
]);

export const service = message('Service', [
  [1, 'metadata', objectMeta],
  [2, 'spec', serviceSpec],
  [
    3,
    'status',
    message('ServiceStatus', [
      [1, 'loadBalancer', loadBalancerStatus],
      [2, 'conditions', repeated(condition)],
    ]),
  ],
]);

const endpointAddress = message('EndpointAddress', [
  [1, 'ip', 'string', 'always'],
  [2, 'targetRef', objectReference, 'pointer'],
  [3, 'hostname', 'string'],
  [4, 'nodeName', 'string', 'pointer'],
]);

const endpointPort = message('EndpointPort', [
  [1, 'name', 'string'],
  [2, 'port', 'int32', 'always'],
  [3, 'protocol', 'string'],
  [4, 'appProtocol', 'string', 'pointer'],
]);

export const endpoints = message('Endpoints', [
  [1, 'metadata', objectMeta],
  [
    2,
    'subsets',
    repeated(
      message('EndpointSubset', [
        [1, 'addresses', repeated(endpointAddress)],
        [2, 'notReadyAddresses', repeated(endpointAddress)],
        [3, 'ports', repeated(endpointPort)],
      ]),
    ),
  ],
]);

/** Service and Endpoints (core/v1). */

import { objectReference } from './core-v1.ts';
import {
  bool,
  int32,
  intOrString,
  listOf,
  namedString,
  str,
  stringMapWith,
  struct,
} from './field-schema.ts';
import { metaCondition, objectMeta } from './meta-v1.ts';

export const servicePort = struct('io.k8s.api.core.v1.ServicePort', {
  name: str,
  protocol: namedString('v1.Protocol'),
  appProtocol: str,
  port: int32,
  targetPort: intOrString,
  nodePort: int32,
});

export const clientIPConfig = struct('io.k8s.api.core.v1.ClientIPConfig', {
  timeoutSeconds: int32,
});

export const sessionAffinityConfig = struct('io.k8s.api.core.v1.SessionAffinityConfig', {
  clientIP: clientIPConfig,
});

export const serviceSpec = struct('io.k8s.api.core.v1.ServiceSpec', {
  ports: listOf(servicePort, {
    mergeKey: 'port',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['port', 'protocol'],
  }),
  selector: stringMapWith({ mapType: 'atomic' }),
  clusterIP: str,
  clusterIPs: listOf(str, { listType: 'atomic' }),
  type: namedString('v1.ServiceType'),
  externalIPs: listOf(str, { listType: 'atomic' }),
  sessionAffinity: namedString('v1.ServiceAffinity'),
  loadBalancerIP: str,
  loadBalancerSourceRanges: listOf(str, { listType: 'atomic' }),
  externalName: str,
  externalTrafficPolicy: namedString('v1.ServiceExternalTrafficPolicy'),
  healthCheckNodePort: int32,
  publishNotReadyAddresses: bool,
  sessionAffinityConfig: sessionAffinityConfig,
  ipFamilies: listOf(namedString('v1.IPFamily'), { listType: 'atomic' }),
  ipFamilyPolicy: namedString('v1.IPFamilyPolicy'),
  allocateLoadBalancerNodePorts: bool,
  loadBalancerClass: str,
  internalTrafficPolicy: namedString('v1.ServiceInternalTrafficPolicy'),
  trafficDistribution: str,
});

export const portStatus = struct('io.k8s.api.core.v1.PortStatus', {
  port: int32,
  protocol: namedString('v1.Protocol'),
  error: str,
});

export const loadBalancerIngress = struct('io.k8s.api.core.v1.LoadBalancerIngress', {
  ip: str,
  hostname: str,
  ipMode: namedString('v1.LoadBalancerIPMode'),
  ports: listOf(portStatus, { listType: 'atomic' }),
});

export const loadBalancerStatus = struct('io.k8s.api.core.v1.LoadBalancerStatus', {
  ingress: listOf(loadBalancerIngress, { listType: 'atomic' }),
});

export const serviceStatus = struct('io.k8s.api.core.v1.ServiceStatus', {
  loadBalancer: loadBalancerStatus,
  conditions: listOf(metaCondition, {
    mergeKey: 'type',
    strategy: 'merge',
    listType: 'map',
    mapKeys: ['type'],
  }),
});

export const service = struct('io.k8s.api.core.v1.Service', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: serviceSpec,
  status: serviceStatus,
});

export const endpointAddress = struct(
  'io.k8s.api.core.v1.EndpointAddress',
  {
    ip: str,
    hostname: str,
    nodeName: str,
    targetRef: objectReference,
  },
  { mapType: 'atomic' },
);

export const endpointPort = struct(
  'io.k8s.api.core.v1.EndpointPort',
  {
    name: str,
    port: int32,
    protocol: namedString('v1.Protocol'),
    appProtocol: str,
  },
  { mapType: 'atomic' },
);

export const endpointSubset = struct('io.k8s.api.core.v1.EndpointSubset', {
  addresses: listOf(endpointAddress, { listType: 'atomic' }),
  notReadyAddresses: listOf(endpointAddress, { listType: 'atomic' }),
  ports: listOf(endpointPort, { listType: 'atomic' }),
});

export const endpoints = struct('io.k8s.api.core.v1.Endpoints', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  subsets: listOf(endpointSubset, { listType: 'atomic' }),
});

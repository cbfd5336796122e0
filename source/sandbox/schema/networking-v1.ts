/** Ingress and IngressClass (networking.k8s.io/v1). */
import { int32, listOf, namedString, str, struct } from './field-schema.ts';
import { objectMeta } from './meta-v1.ts';

export const serviceBackendPort = struct(
  'io.k8s.api.networking.v1.ServiceBackendPort',
  {
    name: str,
    number: int32,
  },
  { mapType: 'atomic' },
);

export const ingressServiceBackend = struct('io.k8s.api.networking.v1.IngressServiceBackend', {
  name: str,
  port: serviceBackendPort,
});

export const typedLocalObjectReference = struct(
  'io.k8s.api.core.v1.TypedLocalObjectReference',
  {
    apiGroup: str,
    kind: str,
    name: str,
  },
  { mapType: 'atomic' },
);

export const ingressBackend = struct('io.k8s.api.networking.v1.IngressBackend', {
  service: ingressServiceBackend,
  resource: typedLocalObjectReference,
});

export const ingressTLS = struct('io.k8s.api.networking.v1.IngressTLS', {
  hosts: listOf(str, { listType: 'atomic' }),
  secretName: str,
});

export const httpIngressPath = struct('io.k8s.api.networking.v1.HTTPIngressPath', {
  path: str,
  pathType: namedString('v1.PathType'),
  backend: ingressBackend,
});

export const httpIngressRuleValue = struct('io.k8s.api.networking.v1.HTTPIngressRuleValue', {
  paths: listOf(httpIngressPath, { listType: 'atomic' }),
});

const ingressRuleValueFields = {
  http: httpIngressRuleValue,
};

export const ingressRule = struct('io.k8s.api.networking.v1.IngressRule', {
  host: str,
  ...ingressRuleValueFields,
});

export const ingressSpec = struct('io.k8s.api.networking.v1.IngressSpec', {
  ingressClassName: str,
  defaultBackend: ingressBackend,
  tls: listOf(ingressTLS, { listType: 'atomic' }),
  rules: listOf(ingressRule, { listType: 'atomic' }),
});

export const ingressPortStatus = struct('io.k8s.api.networking.v1.IngressPortStatus', {
  port: int32,
  protocol: namedString('v1.Protocol'),
  error: str,
});

export const ingressLoadBalancerIngress = struct(
  'io.k8s.api.networking.v1.IngressLoadBalancerIngress',
  {
    ip: str,
    hostname: str,
    ports: listOf(ingressPortStatus, { listType: 'atomic' }),
  },
);

export const ingressLoadBalancerStatus = struct(
  'io.k8s.api.networking.v1.IngressLoadBalancerStatus',
  {
    ingress: listOf(ingressLoadBalancerIngress, { listType: 'atomic' }),
  },
);

export const ingressStatus = struct('io.k8s.api.networking.v1.IngressStatus', {
  loadBalancer: ingressLoadBalancerStatus,
});

export const ingress = struct('io.k8s.api.networking.v1.Ingress', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: ingressSpec,
  status: ingressStatus,
});

export const ingressClassParametersReference = struct(
  'io.k8s.api.networking.v1.IngressClassParametersReference',
  {
    apiGroup: str,
    kind: str,
    name: str,
    scope: str,
    namespace: str,
  },
);

export const ingressClassSpec = struct('io.k8s.api.networking.v1.IngressClassSpec', {
  controller: str,
  parameters: ingressClassParametersReference,
});

export const ingressClass = struct('io.k8s.api.networking.v1.IngressClass', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: ingressClassSpec,
});

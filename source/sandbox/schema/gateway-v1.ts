/**
 * GatewayClass, Gateway and HTTPRoute (gateway.networking.k8s.io/v1), standard channel of
 * Gateway API v1.6. These are CRDs on a real cluster: their objects are inline (no OpenAPI
 * components of their own), unknown fields are pruned, and wrong types fail schema validation.
 */
import { bool, int, int32, listOf, object, str, stringMap } from './field-schema.ts';
import { labelSelector, metaCondition, objectMeta } from './meta-v1.ts';

const parametersReference = object({
  group: str,
  kind: str,
  name: str,
  namespace: str,
});

const gatewayClassSpec = object({
  controllerName: str,
  parametersRef: parametersReference,
  description: str,
});

const supportedFeature = object({
  name: str,
});

const gatewayClassStatus = object({
  conditions: listOf(metaCondition, { listType: 'map', mapKeys: ['type'] }),
  supportedFeatures: listOf(supportedFeature, { listType: 'map', mapKeys: ['name'] }),
});

export const gatewayClass = object({
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: gatewayClassSpec,
  status: gatewayClassStatus,
});

const secretObjectReference = object({
  group: str,
  kind: str,
  name: str,
  namespace: str,
});

const listenerTLSConfig = object({
  mode: str,
  certificateRefs: listOf(secretObjectReference, { listType: 'atomic' }),
  options: stringMap,
});

const routeNamespaces = object({
  from: str,
  selector: labelSelector,
});

const routeGroupKind = object({
  group: str,
  kind: str,
});

const allowedRoutes = object({
  namespaces: routeNamespaces,
  kinds: listOf(routeGroupKind, { listType: 'atomic' }),
});

const listener = object({
  name: str,
  hostname: str,
  port: int32,
  protocol: str,
  tls: listenerTLSConfig,
  allowedRoutes: allowedRoutes,
});

const gatewaySpecAddress = object({
  type: str,
  value: str,
});

const localParametersReference = object({
  group: str,
  kind: str,
  name: str,
});

const gatewayInfrastructure = object({
  labels: stringMap,
  annotations: stringMap,
  parametersRef: localParametersReference,
});

const listenerNamespaces = object({
  from: str,
  selector: labelSelector,
});

const allowedListeners = object({
  namespaces: listenerNamespaces,
});

const gatewayBackendTLS = object({
  clientCertificateRef: secretObjectReference,
});

const objectReference = object({
  group: str,
  kind: str,
  name: str,
  namespace: str,
});

const frontendTLSValidation = object({
  caCertificateRefs: listOf(objectReference, { listType: 'atomic' }),
  mode: str,
});

const tlsConfig = object({
  validation: frontendTLSValidation,
});

const tlsPortConfig = object({
  port: int32,
  tls: tlsConfig,
});

const frontendTLSConfig = object({
  default: tlsConfig,
  perPort: listOf(tlsPortConfig, { listType: 'map', mapKeys: ['port'] }),
});

const gatewayTLSConfig = object({
  backend: gatewayBackendTLS,
  frontend: frontendTLSConfig,
});

const gatewaySpec = object({
  gatewayClassName: str,
  listeners: listOf(listener, { listType: 'map', mapKeys: ['name'] }),
  addresses: listOf(gatewaySpecAddress, { listType: 'atomic' }),
  infrastructure: gatewayInfrastructure,
  allowedListeners: allowedListeners,
  tls: gatewayTLSConfig,
});

const gatewayStatusAddress = object({
  type: str,
  value: str,
});

const listenerStatus = object({
  name: str,
  supportedKinds: listOf(routeGroupKind, { listType: 'atomic' }),
  attachedRoutes: int32,
  conditions: listOf(metaCondition, { listType: 'map', mapKeys: ['type'] }),
});

const gatewayStatus = object({
  addresses: listOf(gatewayStatusAddress, { listType: 'atomic' }),
  conditions: listOf(metaCondition, { listType: 'map', mapKeys: ['type'] }),
  listeners: listOf(listenerStatus, { listType: 'map', mapKeys: ['name'] }),
  attachedListenerSets: int32,
});

export const gateway = object({
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: gatewaySpec,
  status: gatewayStatus,
});

const parentReference = object({
  group: str,
  kind: str,
  namespace: str,
  name: str,
  sectionName: str,
  port: int32,
});

const commonRouteSpec = object({
  parentRefs: listOf(parentReference, { listType: 'atomic' }),
});

const httpPathMatch = object({
  type: str,
  value: str,
});

const httpHeaderMatch = object({
  type: str,
  name: str,
  value: str,
});

const httpQueryParamMatch = object({
  type: str,
  name: str,
  value: str,
});

const httpRouteMatch = object({
  path: httpPathMatch,
  headers: listOf(httpHeaderMatch, { listType: 'map', mapKeys: ['name'] }),
  queryParams: listOf(httpQueryParamMatch, { listType: 'map', mapKeys: ['name'] }),
  method: str,
});

const httpHeader = object({
  name: str,
  value: str,
});

const httpHeaderFilter = object({
  set: listOf(httpHeader, { listType: 'map', mapKeys: ['name'] }),
  add: listOf(httpHeader, { listType: 'map', mapKeys: ['name'] }),
  remove: listOf(str, { listType: 'set' }),
});

const backendObjectReference = object({
  group: str,
  kind: str,
  name: str,
  namespace: str,
  port: int32,
});

const fraction = object({
  numerator: int32,
  denominator: int32,
});

const httpRequestMirrorFilter = object({
  backendRef: backendObjectReference,
  percent: int32,
  fraction: fraction,
});

const httpPathModifier = object({
  type: str,
  replaceFullPath: str,
  replacePrefixMatch: str,
});

const httpRequestRedirectFilter = object({
  scheme: str,
  hostname: str,
  path: httpPathModifier,
  port: int32,
  statusCode: int,
});

const httpUrlRewriteFilter = object({
  hostname: str,
  path: httpPathModifier,
});

const httpCorsFilter = object({
  allowOrigins: listOf(str, { listType: 'set' }),
  allowCredentials: bool,
  allowMethods: listOf(str, { listType: 'set' }),
  allowHeaders: listOf(str, { listType: 'set' }),
  exposeHeaders: listOf(str, { listType: 'set' }),
  maxAge: int32,
});

const localObjectReference = object({
  group: str,
  kind: str,
  name: str,
});

const httpRouteFilter = object({
  type: str,
  requestHeaderModifier: httpHeaderFilter,
  responseHeaderModifier: httpHeaderFilter,
  requestMirror: httpRequestMirrorFilter,
  requestRedirect: httpRequestRedirectFilter,
  urlRewrite: httpUrlRewriteFilter,
  cors: httpCorsFilter,
  extensionRef: localObjectReference,
});

const backendRef = object({
  ...backendObjectReference.fields,
  weight: int32,
});

const httpBackendRef = object({
  ...backendRef.fields,
  filters: listOf(httpRouteFilter, { listType: 'atomic' }),
});

const httpRouteTimeouts = object({
  request: str,
  backendRequest: str,
});

const httpRouteRule = object({
  name: str,
  matches: listOf(httpRouteMatch, { listType: 'atomic' }),
  filters: listOf(httpRouteFilter, { listType: 'atomic' }),
  backendRefs: listOf(httpBackendRef, { listType: 'atomic' }),
  timeouts: httpRouteTimeouts,
});

const httpRouteSpec = object({
  ...commonRouteSpec.fields,
  hostnames: listOf(str, { listType: 'atomic' }),
  rules: listOf(httpRouteRule, { listType: 'atomic' }),
});

const routeParentStatus = object({
  parentRef: parentReference,
  controllerName: str,
  conditions: listOf(metaCondition, { listType: 'map', mapKeys: ['type'] }),
});

const routeStatus = object({
  parents: listOf(routeParentStatus, { listType: 'atomic' }),
});

const httpRouteStatus = object({
  ...routeStatus.fields,
});

export const httpRoute = object({
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  spec: httpRouteSpec,
  status: httpRouteStatus,
});

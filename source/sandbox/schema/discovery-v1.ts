/** EndpointSlice (discovery.k8s.io/v1). */

import { objectReference } from './core-v1.ts';
import { bool, int32, listOf, namedString, str, stringMap, struct } from './field-schema.ts';
import { objectMeta } from './meta-v1.ts';

export const endpointConditions = struct('io.k8s.api.discovery.v1.EndpointConditions', {
  ready: bool,
  serving: bool,
  terminating: bool,
});

export const forZone = struct('io.k8s.api.discovery.v1.ForZone', {
  name: str,
});

export const forNode = struct('io.k8s.api.discovery.v1.ForNode', {
  name: str,
});

export const endpointHints = struct('io.k8s.api.discovery.v1.EndpointHints', {
  forZones: listOf(forZone, { listType: 'atomic' }),
  forNodes: listOf(forNode, { listType: 'atomic' }),
});

export const endpoint = struct('io.k8s.api.discovery.v1.Endpoint', {
  addresses: listOf(str, { listType: 'set' }),
  conditions: endpointConditions,
  hostname: str,
  targetRef: objectReference,
  deprecatedTopology: stringMap,
  nodeName: str,
  zone: str,
  hints: endpointHints,
});

export const endpointSlicePort = struct(
  'io.k8s.api.discovery.v1.EndpointPort',
  {
    name: str,
    protocol: namedString('v1.Protocol'),
    port: int32,
    appProtocol: str,
  },
  { mapType: 'atomic' },
);

export const endpointSlice = struct('io.k8s.api.discovery.v1.EndpointSlice', {
  apiVersion: str,
  kind: str,
  metadata: objectMeta,
  addressType: namedString('v1.AddressType'),
  endpoints: listOf(endpoint, { listType: 'atomic' }),
  ports: listOf(endpointSlicePort, { listType: 'atomic' }),
});

import type { ResourceDefinition } from './resource-definition.ts';

const allVerbs = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

interface Entry {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  subresources?: string[];
  verbs?: string[];
}

function define(entry: Entry): ResourceDefinition {
  return {
    id: `${entry.group}/${entry.plural}`,
    group: entry.group,
    version: entry.version,
    kind: entry.kind,
    listKind: `${entry.kind}List`,
    plural: entry.plural,
    singular: entry.kind.toLowerCase(),
    namespaced: entry.namespaced,
    shortNames: entry.shortNames ?? [],
    categories: entry.categories ?? [],
    subresources: entry.subresources ?? [],
    verbs: entry.verbs ?? allVerbs,
  };
}

const gatewayGroup = 'gateway.networking.k8s.io';

/** Every kind the sandbox serves, in the order discovery lists them. */
export const resourceCatalog: readonly ResourceDefinition[] = [
  define({
    group: '',
    version: 'v1',
    kind: 'Namespace',
    plural: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    subresources: ['status'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  define({
    group: '',
    version: 'v1',
    kind: 'Node',
    plural: 'nodes',
    namespaced: false,
    shortNames: ['no'],
    subresources: ['status'],
  }),
  define({
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'exec', 'log'],
  }),
  define({
    group: '',
    version: 'v1',
    kind: 'Service',
    plural: 'services',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  define({
    group: '',
    version: 'v1',
    kind: 'Endpoints',
    plural: 'endpoints',
    namespaced: true,
    shortNames: ['ep'],
  }),
  define({ group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true }),
  define({
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    plural: 'configmaps',
    namespaced: true,
    shortNames: ['cm'],
  }),
  define({
    group: '',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    namespaced: true,
    shortNames: ['ev'],
  }),
  define({
    group: '',
    version: 'v1',
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    namespaced: true,
    shortNames: ['sa'],
  }),
  define({
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  define({
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  define({
    group: 'discovery.k8s.io',
    version: 'v1',
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    namespaced: true,
  }),
  define({
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'Ingress',
    plural: 'ingresses',
    namespaced: true,
    shortNames: ['ing'],
    subresources: ['status'],
  }),
  define({
    group: 'networking.k8s.io',
    version: 'v1',
    kind: 'IngressClass',
    plural: 'ingressclasses',
    namespaced: false,
  }),
  // Nodes' heartbeats: `kubectl describe node` shows the node's Lease.
  define({
    group: 'coordination.k8s.io',
    version: 'v1',
    kind: 'Lease',
    plural: 'leases',
    namespaced: true,
  }),
  define({
    group: gatewayGroup,
    version: 'v1',
    kind: 'GatewayClass',
    plural: 'gatewayclasses',
    namespaced: false,
    shortNames: ['gc'],
    categories: ['gateway-api'],
    subresources: ['status'],
  }),
  define({
    group: gatewayGroup,
    version: 'v1',
    kind: 'Gateway',
    plural: 'gateways',
    namespaced: true,
    shortNames: ['gtw'],
    categories: ['gateway-api'],
    subresources: ['status'],
  }),
  define({
    group: gatewayGroup,
    version: 'v1',
    kind: 'HTTPRoute',
    plural: 'httproutes',
    namespaced: true,
    categories: ['gateway-api'],
    subresources: ['status'],
  }),
];

const byId = new Map(resourceCatalog.map((def) => [def.id, def]));

export function findResource(
  group: string,
  version: string,
  plural: string,
): ResourceDefinition | undefined {
  const def = byId.get(`${group}/${plural}`);
  return def && def.version === version ? def : undefined;
}

export function resourceById(id: string): ResourceDefinition {
  const def = byId.get(id);
  if (!def) throw new Error(`no resource ${id} in the catalog`);
  return def;
}

export function resourceForKind(apiVersion: string, kind: string): ResourceDefinition | undefined {
  return resourceCatalog.find(
    (def) =>
      def.kind === kind && (def.group ? `${def.group}/${def.version}` : def.version) === apiVersion,
  );
}

/** The kinds the Objects pane shows, in kubectl's words, and which columns fit first. */
export interface WatchedKind {
  /** `group/plural`, the key of source/render's renderers. */
  resourceId: string;
  apiVersion: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** kubectl's name for the kind (`deployment.apps`), shown in the table's header row. */
  title: string;
  /** Columns shown, by the renderer's names, in order. */
  columns: readonly string[];
  /** Columns given up first when the pane is narrow. */
  dropOrder: readonly string[];
  /** False for kinds watched only for the Path pane (nodes). */
  shown: boolean;
}

export const watchedKinds: readonly WatchedKind[] = [
  {
    resourceId: 'apps/deployments',
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    plural: 'deployments',
    namespaced: true,
    title: 'deployment.apps',
    columns: ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'],
    dropOrder: ['Age', 'Up-to-date', 'Available'],
    shown: true,
  },
  {
    resourceId: '/pods',
    apiVersion: 'v1',
    kind: 'Pod',
    plural: 'pods',
    namespaced: true,
    title: 'pod',
    columns: ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node'],
    dropOrder: ['Restarts', 'Age', 'Status', 'Node'],
    shown: true,
  },
  {
    resourceId: '/services',
    apiVersion: 'v1',
    kind: 'Service',
    plural: 'services',
    namespaced: true,
    title: 'service',
    columns: ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age'],
    dropOrder: ['Age', 'External-IP', 'Type'],
    shown: true,
  },
  {
    resourceId: 'discovery.k8s.io/endpointslices',
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    namespaced: true,
    title: 'endpointslice.discovery.k8s.io',
    columns: ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age'],
    dropOrder: ['Age', 'AddressType', 'Ports'],
    shown: true,
  },
  {
    resourceId: 'networking.k8s.io/ingresses',
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    plural: 'ingresses',
    namespaced: true,
    title: 'ingress.networking.k8s.io',
    columns: ['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age'],
    dropOrder: ['Age', 'Class', 'Ports'],
    shown: true,
  },
  {
    resourceId: 'gateway.networking.k8s.io/gateways',
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    plural: 'gateways',
    namespaced: true,
    title: 'gateway.gateway.networking.k8s.io',
    columns: ['Name', 'Class', 'Address', 'Programmed', 'Age'],
    dropOrder: ['Age', 'Class'],
    shown: true,
  },
  {
    resourceId: '/nodes',
    apiVersion: 'v1',
    kind: 'Node',
    plural: 'nodes',
    namespaced: false,
    title: 'node',
    columns: ['Name'],
    dropOrder: [],
    shown: false,
  },
];

export function watchedKind(resourceId: string): WatchedKind | undefined {
  return watchedKinds.find((kind) => kind.resourceId === resourceId);
}

import { resourceById } from '../../sandbox/resources/catalog.ts';

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

/** Names and scope come from the catalog of served kinds; only the pane's choices are here. */
function watched(
  resourceId: string,
  columns: readonly string[],
  dropOrder: readonly string[],
  shown = true,
): WatchedKind {
  const def = resourceById(resourceId);
  return {
    resourceId,
    apiVersion: def.group ? `${def.group}/${def.version}` : def.version,
    kind: def.kind,
    plural: def.plural,
    namespaced: def.namespaced,
    title: def.group ? `${def.singular}.${def.group}` : def.singular,
    columns,
    dropOrder,
    shown,
  };
}

export const watchedKinds: readonly WatchedKind[] = [
  watched(
    'apps/deployments',
    ['Name', 'Ready', 'Up-to-date', 'Available', 'Age'],
    ['Age', 'Up-to-date', 'Available'],
  ),
  watched(
    '/pods',
    ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node'],
    ['Restarts', 'Age', 'Status', 'Node'],
  ),
  watched(
    '/services',
    ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age'],
    ['Age', 'External-IP', 'Type'],
  ),
  watched(
    'discovery.k8s.io/endpointslices',
    ['Name', 'AddressType', 'Ports', 'Endpoints', 'Age'],
    ['Age', 'AddressType', 'Ports'],
  ),
  watched(
    'networking.k8s.io/ingresses',
    ['Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age'],
    ['Age', 'Class', 'Ports'],
  ),
  watched(
    'gateway.networking.k8s.io/gateways',
    ['Name', 'Class', 'Address', 'Programmed', 'Age'],
    ['Age', 'Class'],
  ),
  // Watched only for the Path pane.
  watched('/nodes', ['Name'], [], false),
];

export function watchedKind(resourceId: string): WatchedKind | undefined {
  return watchedKinds.find((kind) => kind.resourceId === resourceId);
}

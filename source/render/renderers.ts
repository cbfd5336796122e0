import { configMapRow } from './config-map-row.ts';
import { createdAtRow } from './created-at-row.ts';
import { deploymentRow } from './deployment-row.ts';
import { endpointSliceRow } from './endpoint-slice-row.ts';
import { endpointsRow } from './endpoints-row.ts';
import { eventRow } from './event-row.ts';
import { gatewayClassRow } from './gateway-class-row.ts';
import { gatewayRow } from './gateway-row.ts';
import { httpRouteRow } from './http-route-row.ts';
import { ingressClassRow } from './ingress-class-row.ts';
import { ingressRow } from './ingress-row.ts';
import { leaseRow } from './lease-row.ts';
import { namespaceRow } from './namespace-row.ts';
import { nodeRow } from './node-row.ts';
import { podRow } from './pod-row.ts';
import { replicaSetRow } from './replica-set-row.ts';
import { secretRow } from './secret-row.ts';
import { serviceAccountRow } from './service-account-row.ts';
import { serviceRow } from './service-row.ts';
import type { ObjectRenderer } from './table-column.ts';

/** Renderers by resource id (`group/plural`), the key the sandbox and the catalog use. */
const byResource = new Map<string, ObjectRenderer>([
  ['/pods', podRow],
  ['/services', serviceRow],
  ['/endpoints', endpointsRow],
  ['/nodes', nodeRow],
  ['/namespaces', namespaceRow],
  ['/events', eventRow],
  ['/secrets', secretRow],
  ['/configmaps', configMapRow],
  ['/serviceaccounts', serviceAccountRow],
  ['apps/deployments', deploymentRow],
  ['apps/replicasets', replicaSetRow],
  ['discovery.k8s.io/endpointslices', endpointSliceRow],
  ['networking.k8s.io/ingresses', ingressRow],
  ['networking.k8s.io/ingressclasses', ingressClassRow],
  ['coordination.k8s.io/leases', leaseRow],
  ['gateway.networking.k8s.io/gateways', gatewayRow],
  ['gateway.networking.k8s.io/gatewayclasses', gatewayClassRow],
  ['gateway.networking.k8s.io/httproutes', httpRouteRow],
]);

/** The renderer for a resource, or the server's NAME / CREATED AT default. */
export function rendererFor(resourceId: string): ObjectRenderer {
  return byResource.get(resourceId) ?? createdAtRow;
}

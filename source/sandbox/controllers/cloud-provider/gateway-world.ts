import type { KubeObject } from '../../api/kube-object.ts';
import { gatewayControllerName } from '../../cluster/topology.ts';
import type { ObjectStore } from '../../store/object-store.ts';

export const gatewayGroup = 'gateway.networking.k8s.io';

/** The store ids of the Gateway API kinds cloud-provider-kind reads. */
export const gatewayApiIds = {
  classes: `${gatewayGroup}/gatewayclasses`,
  gateways: `${gatewayGroup}/gateways`,
  routes: `${gatewayGroup}/httproutes`,
  referenceGrants: `${gatewayGroup}/referencegrants`,
} as const;

/** Everything a Gateway's status and its proxy's configuration are computed from. */
export interface GatewayWorld {
  gateway: Readonly<KubeObject>;
  /** Every HTTPRoute in the cluster. */
  routes: readonly Readonly<KubeObject>[];
  serviceExists(namespace: string, name: string): boolean;
  secret(namespace: string, name: string): Readonly<KubeObject> | undefined;
  namespaceLabels(namespace: string): Record<string, string> | undefined;
  /** ReferenceGrants of a namespace. */
  referenceGrants(namespace: string): readonly Readonly<KubeObject>[];
  /** The address the Gateway's proxy got, if any. */
  address: string | undefined;
  now: string;
}

/** The world of one Gateway as the store holds it now. */
export function gatewayWorldFromStore(
  store: ObjectStore,
  gateway: Readonly<KubeObject>,
  address: string | undefined,
): GatewayWorld {
  return {
    gateway,
    routes: store.scan(gatewayApiIds.routes),
    serviceExists: (ns, svc) => store.peek('/services', ns, svc) !== undefined,
    secret: (ns, secret) => store.peek('/secrets', ns, secret),
    namespaceLabels: (ns) => store.peek('/namespaces', undefined, ns)?.metadata.labels,
    referenceGrants: (ns) => store.scan(gatewayApiIds.referenceGrants, ns),
    address,
    now: store.now(),
  };
}

/** Is the Gateway of a class cloud-provider-kind controls (not another implementation's)? */
export function isCloudProviderKindGateway(
  store: ObjectStore,
  gateway: Readonly<KubeObject>,
): boolean {
  const gatewayClass = store.peek(gatewayApiIds.classes, undefined, gateway.spec?.gatewayClassName);
  return gatewayClass?.spec?.controllerName === gatewayControllerName;
}

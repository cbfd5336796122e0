import type { Json, KubeObject } from '../../api/kube-object.ts';
import { gatewayControllerName } from '../../cluster/topology.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { ControllerContext } from '../controller.ts';
import { keyOf, retryingQueue, splitKey } from '../retrying-queue.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import type { AddressPool } from './address-pool.ts';
import { computeGatewayStatus } from './gateway-status.ts';
import {
  gatewayApiIds,
  gatewayGroup,
  gatewayWorldFromStore,
  isCloudProviderKindGateway,
} from './gateway-world.ts';
import { ProxyStartups } from './proxy-startups.ts';
import { setStatusCondition } from './status-conditions.ts';

const {
  classes: classesId,
  gateways: gatewaysId,
  routes: routesId,
  referenceGrants: referenceGrantsId,
} = gatewayApiIds;

/** The Gateway API features cloud-provider-kind advertises on its GatewayClass, sorted. */
const supportedFeatures = [
  'Gateway',
  'GatewayAddressEmpty',
  'GatewayPort8080',
  'GatewayStaticAddresses',
  'HTTPRoute',
  'HTTPRoute303RedirectStatusCode',
  'HTTPRoute307RedirectStatusCode',
  'HTTPRoute308RedirectStatusCode',
  'HTTPRouteBackendProtocolWebSocket',
  'HTTPRouteParentRefPort',
  'HTTPRouteQueryParamMatching',
  'ReferenceGrant',
].map((name) => ({ name }));

/**
 * cloud-provider-kind's gateway controller: accepts GatewayClasses naming it, gives each of
 * their Gateways an address from the load-balancer range and writes Gateway, listener and
 * HTTPRoute status. Gateways of other classes are left alone, as another implementation's.
 */
export function startGatewayController(ctx: ControllerContext, pool: AddressPool): () => void {
  const classes = resourceById(classesId);
  const gateways = resourceById(gatewaysId);
  const routes = resourceById(routesId);
  const store = ctx.store;
  const proxies = new ProxyStartups(ctx);
  /** Each route's last parentRefs: a route that stops naming a Gateway must still resync it. */
  const lastParents = new Map<string, string[]>();

  const syncClass = (name: string) => {
    const gatewayClass = store.peek(classesId, undefined, name);
    if (!gatewayClass || gatewayClass.spec?.controllerName !== gatewayControllerName) return;
    const status = {
      ...gatewayClass.status,
      conditions: setStatusCondition(
        gatewayClass.status?.conditions,
        {
          type: 'Accepted',
          status: 'True',
          reason: 'Accepted',
          message: 'GatewayClass is accepted by this controller.',
          observedGeneration: gatewayClass.metadata.generation ?? 1,
        },
        store.now(),
      ),
      supportedFeatures,
    };
    if (semanticallyEqual(gatewayClass.status, status)) return;
    ctx.ops.update(classes, { ...gatewayClass, status }, { subresource: 'status' });
  };

  const syncGateway = (key: string) => {
    const { namespace, name } = splitKey(key);
    const gateway = store.peek(gatewaysId, namespace, name);
    if (!gateway || !isCloudProviderKindGateway(store, gateway)) {
      // The proxy goes with its Gateway (or when the Gateway moves to another class).
      pool.release(`gateway:${key}`);
      proxies.remove(key);
      return;
    }
    if (!proxies.isUp(key, () => gatewayQueue.add(key))) return;
    const address = pool.allocate(`gateway:${key}`, preferredAddress(gateway));
    const outcome = computeGatewayStatus(gatewayWorldFromStore(store, gateway, address));
    if (!semanticallyEqual(gateway.status, outcome.status)) {
      ctx.ops.update(gateways, { ...gateway, status: outcome.status }, { subresource: 'status' });
    }
    for (const route of store.scan(routesId)) {
      const parents = mergeParents(route, gateway, outcome.routeParents.get(keyOf(route)) ?? []);
      if (!semanticallyEqual(route.status?.parents, parents)) {
        ctx.ops.update(
          routes,
          { ...route, status: { ...route.status, parents } },
          { subresource: 'status' },
        );
      }
    }
  };

  const classQueue = retryingQueue(ctx, syncClass);
  const gatewayQueue = retryingQueue(ctx, syncGateway);
  const enqueueAllGateways = () => {
    for (const gateway of store.scan(gatewaysId)) gatewayQueue.add(keyOf(gateway));
  };

  const unsubscribe = store.subscribe((event) => {
    const object = event.object;
    switch (event.resource) {
      case classesId:
        classQueue.add(object.metadata.name!);
        for (const gateway of store.scan(gatewaysId)) {
          if (gateway.spec?.gatewayClassName === object.metadata.name) {
            gatewayQueue.add(keyOf(gateway));
          }
        }
        break;
      case gatewaysId:
        gatewayQueue.add(keyOf(object));
        break;
      case routesId: {
        const routeKey = keyOf(object);
        const now = event.type === 'DELETED' ? [] : gatewayKeysOf(object);
        for (const key of new Set([...(lastParents.get(routeKey) ?? []), ...now])) {
          gatewayQueue.add(key);
        }
        if (event.type === 'DELETED') lastParents.delete(routeKey);
        else lastParents.set(routeKey, now);
        break;
      }
      case '/services':
        if (event.type !== 'MODIFIED') enqueueAllGateways();
        break;
      case '/namespaces':
      case '/secrets':
      case referenceGrantsId:
        enqueueAllGateways();
        break;
    }
  });
  for (const gatewayClass of store.scan(classesId)) classQueue.add(gatewayClass.metadata.name!);
  for (const route of store.scan(routesId)) lastParents.set(keyOf(route), gatewayKeysOf(route));
  enqueueAllGateways();
  return () => {
    unsubscribe();
    classQueue.stop();
    gatewayQueue.stop();
  };
}

/** `namespace/name` of every Gateway the route names as a parent. */
function gatewayKeysOf(route: Readonly<KubeObject>): string[] {
  return ((route.spec?.parentRefs ?? []) as Json[])
    .filter(
      (ref) =>
        (ref.group == null || ref.group === gatewayGroup) &&
        (ref.kind == null || ref.kind === 'Gateway'),
    )
    .map((ref) => `${ref.namespace ?? route.metadata.namespace}/${ref.name}`);
}

/** A static address the Gateway asks for, or the one it already published. */
function preferredAddress(gateway: Readonly<KubeObject>): string | undefined {
  const requested = ((gateway.spec?.addresses ?? []) as Json[]).find(
    (address) => address.type == null || address.type === 'IPAddress',
  );
  return requested?.value ?? gateway.status?.addresses?.[0]?.value;
}

/**
 * The route's parent statuses with this Gateway's entries replaced in place and new ones
 * appended; entries other controllers or other Gateways wrote are kept as they are.
 */
function mergeParents(
  route: Readonly<KubeObject>,
  gateway: Readonly<KubeObject>,
  fresh: Json[],
): Json[] {
  const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);
  const forThisGateway = (parent: Json) =>
    parent.controllerName === gatewayControllerName &&
    parent.parentRef?.name === gateway.metadata.name &&
    (parent.parentRef?.namespace ?? route.metadata.namespace) === gateway.metadata.namespace;
  const result: Json[] = [];
  for (const parent of (route.status?.parents ?? []) as Json[]) {
    if (!forThisGateway(parent)) {
      result.push(parent);
      continue;
    }
    const replacement = fresh.find((candidate) => same(candidate.parentRef, parent.parentRef));
    if (replacement) result.push(replacement);
  }
  for (const parent of fresh) {
    if (!result.includes(parent)) result.push(parent);
  }
  return result;
}

import type { Json, KubeObject } from '../../api/kube-object.ts';
import { labelSelectorMatches } from '../../api/selectors.ts';
import { gatewayControllerName } from '../../cluster/topology.ts';
import { type GatewayWorld, gatewayGroup } from './gateway-world.ts';
import { hasRedirect } from './http-route-translation.ts';
import { type ConditionUpdate, setStatusCondition } from './status-conditions.ts';

/**
 * Which HTTPRoutes attach to which listeners of a Gateway (parentRefs, allowedRoutes,
 * hostnames), and the Accepted and ResolvedRefs conditions each route's parent status gets.
 */

export interface RouteState {
  route: Readonly<KubeObject>;
  parents: Json[];
  acceptingListeners: Set<string>;
}

/** The Gateway's parentRefs of this route: same name, and namespace (defaulting to the route's). */
function refersTo(route: Readonly<KubeObject>, gateway: Readonly<KubeObject>, ref: Json): boolean {
  const namespace = ref.namespace ?? route.metadata.namespace;
  return ref.name === gateway.metadata.name && namespace === gateway.metadata.namespace;
}

export function routesFor(world: GatewayWorld): Readonly<KubeObject>[] {
  return world.routes.filter((route) =>
    ((route.spec?.parentRefs ?? []) as Json[]).some((ref) => refersTo(route, world.gateway, ref)),
  );
}

/** Accepted / ResolvedRefs for each parentRef of the route naming this Gateway. */
export function validateRoute(world: GatewayWorld, route: Readonly<KubeObject>): RouteState {
  const { gateway, now } = world;
  const generation = route.metadata.generation ?? 1;
  const backendsValid = ((route.spec?.rules ?? []) as Json[]).every(
    (rule) =>
      hasRedirect(rule) ||
      ((rule.backendRefs ?? []) as Json[]).every((ref) =>
        world.serviceExists(ref.namespace ?? route.metadata.namespace, ref.name),
      ),
  );
  const resolvedRefs: ConditionUpdate = backendsValid
    ? {
        type: 'ResolvedRefs',
        status: 'True',
        reason: 'ResolvedRefs',
        message: 'All backend references have been resolved.',
        observedGeneration: generation,
      }
    : {
        type: 'ResolvedRefs',
        status: 'False',
        reason: 'BackendNotFound',
        message: 'One or more backend references could not be found.',
        observedGeneration: generation,
      };

  const parents: Json[] = [];
  const accepting = new Set<string>();
  const previous: Json[] = route.status?.parents ?? [];
  for (const parentRef of (route.spec?.parentRefs ?? []) as Json[]) {
    if (!refersTo(route, gateway, parentRef)) continue;
    let rejection = 'NoMatchingParent';
    const matching: string[] = [];
    for (const listener of (gateway.spec?.listeners ?? []) as Json[]) {
      const sectionMatches =
        parentRef.sectionName == null || parentRef.sectionName === listener.name;
      const portMatches = parentRef.port == null || parentRef.port === listener.port;
      if (!sectionMatches || !portMatches) continue;
      if (!allowedByListener(world, listener, route)) {
        rejection = 'NotAllowedByListeners';
        continue;
      }
      if (!allowedByHostname(listener, route)) {
        rejection = 'NoMatchingListenerHostname';
        continue;
      }
      matching.push(listener.name);
    }
    const accepted: ConditionUpdate =
      matching.length > 0
        ? {
            type: 'Accepted',
            status: 'True',
            reason: 'Accepted',
            message: 'Route is accepted.',
            observedGeneration: generation,
          }
        : {
            type: 'Accepted',
            status: 'False',
            reason: rejection,
            // cloud-provider-kind words every rejection but the policy one as a hostname mismatch.
            message:
              rejection === 'NotAllowedByListeners'
                ? "Route is not allowed by a listener's policy."
                : "The route's hostnames do not match any listener hostnames.",
            observedGeneration: generation,
          };
    for (const name of matching) accepting.add(name);
    // Transition times survive from the status this parent already had.
    const before = previous.find(
      (parent) =>
        parent.controllerName === gatewayControllerName &&
        JSON.stringify(parent.parentRef) === JSON.stringify(parentRef),
    );
    const kept = ['Accepted', 'ResolvedRefs']
      .map((type) => (before?.conditions as Json[] | undefined)?.find((c) => c.type === type))
      .filter((condition): condition is Json => condition !== undefined);
    const conditions = setStatusCondition(
      setStatusCondition(kept, accepted, now),
      resolvedRefs,
      now,
    );
    parents.push({ parentRef, controllerName: gatewayControllerName, conditions });
  }
  return { route, parents, acceptingListeners: accepting };
}

/** Whether the listener's allowedRoutes (namespaces, kinds) let the route attach. */
export function allowedByListener(
  world: GatewayWorld,
  listener: Json,
  route: Readonly<KubeObject>,
): boolean {
  const allowed: Json | undefined = listener.allowedRoutes;
  const routeNamespace = route.metadata.namespace ?? '';
  const gatewayNamespace = world.gateway.metadata.namespace;
  if (!allowed) return routeNamespace === gatewayNamespace;
  const from = allowed.namespaces?.from ?? 'Same';
  let namespaceAllowed = false;
  if (from === 'All') namespaceAllowed = true;
  else if (from === 'Same') namespaceAllowed = routeNamespace === gatewayNamespace;
  else if (from === 'Selector') {
    const selector = allowed.namespaces?.selector;
    const labels = world.namespaceLabels(routeNamespace);
    namespaceAllowed = !!selector && !!labels && labelSelectorMatches(selector, labels);
  }
  if (!namespaceAllowed) return false;
  const kinds: Json[] = allowed.kinds ?? [];
  if (kinds.length === 0) return true;
  return kinds.some(
    (kind) => kind.kind === 'HTTPRoute' && (kind.group || gatewayGroup) === gatewayGroup,
  );
}

/** Whether a route without hostnames, or one of its hostnames, fits the listener's. */
export function allowedByHostname(listener: Json, route: Readonly<KubeObject>): boolean {
  const listenerHostname: string | undefined = listener.hostname;
  if (!listenerHostname) return true;
  const routeHostnames: string[] = route.spec?.hostnames ?? [];
  if (routeHostnames.length === 0) return true;
  return routeHostnames.some((hostname) => hostnameWithin(hostname, listenerHostname));
}

/** Gateway API hostname intersection: exact, or either side a `*.` wildcard covering the other. */
export function hostnameWithin(routeHostname: string, listenerHostname: string): boolean {
  if (routeHostname === listenerHostname) return true;
  if (listenerHostname.startsWith('*.')) {
    const suffix = listenerHostname.slice(1);
    if (routeHostname.startsWith('*.')) return routeHostname.slice(1).endsWith(suffix);
    return routeHostname.endsWith(suffix);
  }
  if (routeHostname.startsWith('*.')) {
    return (
      listenerHostname === routeHostname.slice(2) ||
      listenerHostname.endsWith(routeHostname.slice(1))
    );
  }
  return false;
}

import type { Json, KubeObject } from '../../api/kube-object.ts';
import {
  listenerProgrammingError,
  supportedKinds,
  validateListeners,
} from './gateway-listeners.ts';
import type { GatewayWorld } from './gateway-world.ts';
import { routesFor, validateRoute } from './http-route-attachment.ts';
import { translateRoute } from './http-route-translation.ts';
import { type ConditionUpdate, conditionStatus, setStatusCondition } from './status-conditions.ts';

/**
 * The status cloud-provider-kind's gateway controller (pkg/gateway) writes for one Gateway of
 * its class and for the HTTPRoutes attached to it, computed without side effects. Reasons
 * are Gateway API v1's; messages are the ones cloud-provider-kind writes.
 */

export interface GatewayOutcome {
  status: Json;
  /** For each HTTPRoute (`namespace/name`) referring to this Gateway: its parent statuses here. */
  routeParents: Map<string, Json[]>;
}

export function computeGatewayStatus(world: GatewayWorld): GatewayOutcome {
  const { gateway, now } = world;
  const generation = gateway.metadata.generation ?? 1;
  const listeners: Json[] = gateway.spec?.listeners ?? [];

  const routeStates = routesFor(world).map((route) => validateRoute(world, route));
  const validation = validateListeners(world);
  const oldListeners: Json[] = gateway.status?.listeners ?? [];

  const listenerStatuses = listeners.map((listener): Json => {
    let conditions: Json[] =
      oldListeners.find((old) => old.name === listener.name)?.conditions ?? [];
    const set = (update: ConditionUpdate) => {
      conditions = setStatusCondition(conditions, update, now);
    };
    for (const update of validation.get(listener.name) ?? []) set(update);
    const status = (supportedKinds: Json[], attachedRoutes: number): Json => ({
      name: listener.name,
      supportedKinds,
      attachedRoutes,
      conditions,
    });

    const { kinds, allValid } = supportedKinds(listener);
    if (!allValid) {
      set({
        type: 'ResolvedRefs',
        status: 'False',
        reason: 'InvalidRouteKinds',
        message: 'Invalid route kinds specified in allowedRoutes',
        observedGeneration: generation,
      });
      return status(kinds, 0);
    }
    if (conditionStatus(conditions, 'Conflicted') === 'True') return status(kinds, 0);
    if (conditionStatus(conditions, 'ResolvedRefs') !== 'False') {
      set({
        type: 'ResolvedRefs',
        status: 'True',
        reason: 'ResolvedRefs',
        message: 'All references resolved',
        observedGeneration: generation,
      });
    }
    if (listener.protocol !== 'HTTP' && listener.protocol !== 'HTTPS') {
      set({
        type: 'Accepted',
        status: 'False',
        reason: 'UnsupportedProtocol',
        message: `Protocol "${listener.protocol}" is not supported; supported protocols are HTTP and HTTPS.`,
        observedGeneration: generation,
      });
      return status(kinds, 0);
    }

    let attached = 0;
    for (const state of routeStates) {
      if (!state.acceptingListeners.has(listener.name)) continue;
      const translation = translateRoute(world, state.route);
      const routeGeneration = state.route.metadata.generation ?? 1;
      state.parents = state.parents.map((parent) => {
        let parentConditions: Json[] = parent.conditions;
        const setParent = (update: ConditionUpdate) => {
          parentConditions = setStatusCondition(
            parentConditions,
            { ...update, observedGeneration: routeGeneration },
            now,
          );
        };
        if (translation.notAccepted) setParent(translation.notAccepted);
        if (conditionStatus(parentConditions, 'Accepted') === 'True') {
          setParent(
            translation.resolvedRefsFailure ?? {
              type: 'ResolvedRefs',
              status: 'True',
              reason: 'ResolvedRefs',
              message: 'All references resolved',
            },
          );
          if (translation.partiallyInvalid) setParent(translation.partiallyInvalid);
        }
        return { ...parent, conditions: parentConditions };
      });
      if (translation.producesRoutes) attached++;
    }

    const programmingError = listenerProgrammingError(world, listener);
    set(
      programmingError
        ? {
            type: 'Programmed',
            status: 'False',
            reason: 'Invalid',
            message: `Failed to program listener: ${programmingError}`,
            observedGeneration: generation,
          }
        : {
            type: 'Programmed',
            status: 'True',
            reason: 'Programmed',
            message: 'Listener is programmed',
            observedGeneration: generation,
          },
    );
    set({
      type: 'Accepted',
      status: 'True',
      reason: 'Accepted',
      message: 'Listener is valid',
      observedGeneration: generation,
    });
    return status(kinds, attached);
  });

  let conditions: Json[] = gateway.status?.conditions ?? [];
  const set = (update: ConditionUpdate) => {
    conditions = setStatusCondition(conditions, { ...update, observedGeneration: generation }, now);
  };
  set(gatewayAccepted(gateway, listenerStatuses));

  let addresses: Json[] | undefined = gateway.status?.addresses;
  if (conditionStatus(conditions, 'Accepted') === 'True' && world.address) {
    addresses = [{ type: 'IPAddress', value: world.address }];
  }
  set(gatewayProgrammed(gateway, conditions, addresses ?? [], listenerStatuses));

  const status: Json = {
    ...(addresses ? { addresses } : {}),
    conditions,
    listeners: listenerStatuses,
  };
  return {
    status,
    routeParents: new Map(
      routeStates.map((state) => [
        `${state.route.metadata.namespace}/${state.route.metadata.name}`,
        state.parents,
      ]),
    ),
  };
}

function gatewayAccepted(gateway: Readonly<KubeObject>, listeners: Json[]): ConditionUpdate {
  if (gateway.spec?.infrastructure?.parametersRef) {
    return {
      type: 'Accepted',
      status: 'False',
      reason: 'InvalidParameters',
      message: 'infrastructure.parametersRef is not supported',
    };
  }
  for (const address of (gateway.spec?.addresses ?? []) as Json[]) {
    if (address.type != null && address.type !== 'IPAddress' && address.type !== 'Hostname') {
      return {
        type: 'Accepted',
        status: 'False',
        reason: 'UnsupportedAddress',
        message: `Address type ${address.type} is not supported`,
      };
    }
  }
  const invalid = listeners.filter(
    (listener) => conditionStatus(listener.conditions, 'Accepted') === 'False',
  ).length;
  if (invalid === 0) {
    return { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Gateway is accepted' };
  }
  if (invalid < listeners.length) {
    return {
      type: 'Accepted',
      status: 'True',
      reason: 'ListenersNotValid',
      message: 'One or more listeners are not valid',
    };
  }
  return {
    type: 'Accepted',
    status: 'False',
    reason: 'ListenersNotValid',
    message: 'All listeners are invalid',
  };
}

function gatewayProgrammed(
  gateway: Readonly<KubeObject>,
  conditions: Json[],
  addresses: Json[],
  listeners: Json[],
): ConditionUpdate {
  if (conditionStatus(conditions, 'Accepted') === 'False') {
    return {
      type: 'Programmed',
      status: 'False',
      reason: 'Invalid',
      message: 'Gateway is not accepted',
    };
  }
  const requested: Json[] = gateway.spec?.addresses ?? [];
  const assigned = requested.filter((wanted) =>
    addresses.some(
      (have) => sameAddressType(wanted.type, have.type) && have.value === wanted.value,
    ),
  ).length;
  if (assigned !== requested.length) {
    return {
      type: 'Programmed',
      status: 'False',
      reason: 'AddressNotUsable',
      message: `${requested.length - assigned} out of ${requested.length} addresses failed to be assigned`,
    };
  }
  const programmed = listeners.filter(
    (listener) => conditionStatus(listener.conditions, 'Programmed') === 'True',
  ).length;
  if (programmed === listeners.length) {
    return {
      type: 'Programmed',
      status: 'True',
      reason: 'Programmed',
      message: 'Envoy configuration updated successfully',
    };
  }
  return {
    type: 'Programmed',
    status: 'False',
    reason: 'ListenersNotProgrammed',
    message: `${listeners.length - programmed} out of ${listeners.length} listeners failed to be programmed`,
  };
}

/** Both untyped, or both of the same type. */
function sameAddressType(wanted: string | undefined, have: string | undefined): boolean {
  return (wanted == null && have == null) || wanted === have;
}

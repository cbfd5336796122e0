import type { Json, KubeObject } from '../../api/kube-object.ts';
import { labelSelectorMatches } from '../../api/selectors.ts';
import { gatewayControllerName } from '../../cluster/topology.ts';
import { type ConditionUpdate, conditionStatus, setStatusCondition } from './status-conditions.ts';

/**
 * The status cloud-provider-kind's gateway controller (pkg/gateway) writes for one Gateway of
 * its class and for the HTTPRoutes attached to it, computed without side effects. Reasons
 * are Gateway API v1's; messages are the ones cloud-provider-kind writes.
 */

export const gatewayGroup = 'gateway.networking.k8s.io';

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

export interface GatewayOutcome {
  status: Json;
  /** For each HTTPRoute (`namespace/name`) referring to this Gateway: its parent statuses here. */
  routeParents: Map<string, Json[]>;
}

interface RouteState {
  route: Readonly<KubeObject>;
  parents: Json[];
  acceptingListeners: Set<string>;
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

/** The Gateway's parentRefs of this route: same name, and namespace (defaulting to the route's). */
function refersTo(route: Readonly<KubeObject>, gateway: Readonly<KubeObject>, ref: Json): boolean {
  const namespace = ref.namespace ?? route.metadata.namespace;
  return ref.name === gateway.metadata.name && namespace === gateway.metadata.namespace;
}

function routesFor(world: GatewayWorld): Readonly<KubeObject>[] {
  return world.routes.filter((route) =>
    ((route.spec?.parentRefs ?? []) as Json[]).some((ref) => refersTo(route, world.gateway, ref)),
  );
}

/** Accepted / ResolvedRefs for each parentRef of the route naming this Gateway. */
function validateRoute(world: GatewayWorld, route: Readonly<KubeObject>): RouteState {
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

/** The route kinds a listener takes: only HTTPRoute is implemented. */
export function supportedKinds(listener: Json): { kinds: Json[]; allValid: boolean } {
  const wanted: Json[] = listener.allowedRoutes?.kinds ?? [];
  if (wanted.length > 0) {
    const kinds: Json[] = [];
    let allValid = true;
    for (const kind of wanted) {
      if ((kind.group == null || kind.group === gatewayGroup) && kind.kind === 'HTTPRoute') {
        kinds.push({ group: gatewayGroup, kind: 'HTTPRoute' });
      } else {
        allValid = false;
      }
    }
    return { kinds, allValid };
  }
  const http = listener.protocol === 'HTTP' || listener.protocol === 'HTTPS';
  return { kinds: http ? [{ group: gatewayGroup, kind: 'HTTPRoute' }] : [], allValid: true };
}

/** Port/protocol and hostname conflicts between listeners, and TLS certificate references. */
function validateListeners(world: GatewayWorld): Map<string, ConditionUpdate[]> {
  const { gateway } = world;
  const listeners: Json[] = gateway.spec?.listeners ?? [];
  const result = new Map<string, ConditionUpdate[]>(listeners.map((l) => [l.name, []]));
  const add = (name: string, update: ConditionUpdate) => {
    const list = (result.get(name) ?? []).filter((existing) => existing.type !== update.type);
    result.set(name, [...list, update]);
  };
  const conflicted = new Set<string>();
  const byPort = new Map<number, Json[]>();
  for (const listener of listeners) {
    byPort.set(listener.port, [...(byPort.get(listener.port) ?? []), listener]);
  }
  const isHttpLike = (protocol: string) => ['HTTP', 'HTTPS', 'TLS'].includes(protocol);
  for (const sharing of byPort.values()) {
    const hasL4 = sharing.some((l) => l.protocol === 'TCP' || l.protocol === 'UDP');
    if (hasL4 && sharing.some((l) => isHttpLike(l.protocol))) {
      for (const listener of sharing) {
        conflicted.add(listener.name);
        add(listener.name, {
          type: 'Conflicted',
          status: 'True',
          reason: 'ProtocolConflict',
          message:
            'Protocol conflict: TCP/UDP listeners cannot share a port with HTTP/HTTPS/TLS listeners.',
        });
      }
      continue;
    }
    const seen = new Map<string, string>();
    for (const listener of sharing) {
      if (!isHttpLike(listener.protocol)) continue;
      const hostname: string = listener.hostname ?? '';
      const other = seen.get(hostname);
      if (other === undefined) {
        seen.set(hostname, listener.name);
        continue;
      }
      const conflict: ConditionUpdate = {
        type: 'Conflicted',
        status: 'True',
        reason: 'HostnameConflict',
        message: `Hostname '${hostname}' conflicts with another listener on the same port.`,
      };
      for (const name of [listener.name, other]) {
        conflicted.add(name);
        add(name, conflict);
      }
    }
  }
  for (const listener of listeners) {
    if (conflicted.has(listener.name)) continue;
    const problem = certificateProblem(world, listener);
    add(
      listener.name,
      problem ?? {
        type: 'ResolvedRefs',
        status: 'True',
        reason: 'ResolvedRefs',
        message: 'All references resolved',
      },
    );
  }
  return result;
}

function certificateProblem(world: GatewayWorld, listener: Json): ConditionUpdate | undefined {
  const { gateway } = world;
  const invalid = (reason: string, message: string): ConditionUpdate => ({
    type: 'ResolvedRefs',
    status: 'False',
    reason,
    message,
  });
  for (const ref of (listener.tls?.certificateRefs ?? []) as Json[]) {
    if (ref.group)
      return invalid('InvalidCertificateRef', `unsupported certificate ref grup: ${ref.group}`);
    if (ref.kind != null && ref.kind !== 'Secret') {
      return invalid('InvalidCertificateRef', `unsupported certificate ref kind: ${ref.kind}`);
    }
    const namespace: string = ref.namespace ?? gateway.metadata.namespace;
    if (
      namespace !== gateway.metadata.namespace &&
      !crossNamespaceAllowed(
        world,
        'Gateway',
        gateway.metadata.namespace!,
        'Secret',
        ref.name,
        namespace,
      )
    ) {
      return invalid(
        'RefNotPermitted',
        `reference to Secret ${namespace}/${ref.name} not permitted by any ReferenceGrant`,
      );
    }
    if (!world.secret(namespace, ref.name)) {
      return invalid(
        'InvalidCertificateRef',
        `reference to Secret ${namespace}/${ref.name} not found`,
      );
    }
  }
  return undefined;
}

/** Why the proxy cannot serve this listener (TLS material it cannot load), if it cannot. */
function listenerProgrammingError(world: GatewayWorld, listener: Json): string | undefined {
  const tls: Json | undefined = listener.tls;
  if (!tls) return undefined;
  const refs: Json[] = tls.certificateRefs ?? [];
  const wrap = (cause: string) =>
    `failed to build TLS context for listener ${listener.name}: ${cause}`;
  if (refs.length === 0) return wrap('TLS is configured, but no certificate refs are provided');
  for (const ref of refs) {
    if (ref.group) return wrap(`unsupported certificate ref group: ${ref.group}`);
    if (ref.kind != null && ref.kind !== 'Secret')
      return wrap(`unsupported certificate ref kind: ${ref.kind}`);
    const namespace: string = ref.namespace ?? world.gateway.metadata.namespace;
    if (!world.secret(namespace, ref.name)) {
      return wrap(`failed to get secret ${namespace}/${ref.name}: secret "${ref.name}" not found`);
    }
  }
  return undefined;
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

interface RouteTranslation {
  /** At least one rule became a proxy route (what `attachedRoutes` counts). */
  producesRoutes: boolean;
  notAccepted?: ConditionUpdate;
  resolvedRefsFailure?: ConditionUpdate;
  partiallyInvalid?: ConditionUpdate;
}

const supportedFilters = new Set(['RequestRedirect', 'RequestHeaderModifier']);

/** What translating the route into proxy configuration reports: dropped rules, bad backends. */
function translateRoute(world: GatewayWorld, route: Readonly<KubeObject>): RouteTranslation {
  const dropped: string[] = [];
  let producesRoutes = false;
  let resolvedRefsFailure: ConditionUpdate | undefined;
  ((route.spec?.rules ?? []) as Json[]).forEach((rule, ruleIndex) => {
    const unsupported = ((rule.filters ?? []) as Json[]).find((f) => !supportedFilters.has(f.type));
    if (unsupported) {
      dropped.push(`rule[${ruleIndex}] has unsupported filter type "${unsupported.type}"`);
      return;
    }
    const matches: Json[] = rule.matches?.length ? rule.matches : [{}];
    matches.forEach((match, matchIndex) => {
      const problem = matchProblem(match);
      if (problem) {
        dropped.push(`rule[${ruleIndex}] match[${matchIndex}]: ${problem}`);
        return;
      }
      if (!hasRedirect(rule)) {
        const failure = backendFailure(world, route, rule.backendRefs ?? []);
        if (failure) resolvedRefsFailure = failure;
      }
      producesRoutes = true;
    });
  });
  if (dropped.length > 0 && !producesRoutes) {
    return {
      producesRoutes: false,
      notAccepted: {
        type: 'Accepted',
        status: 'False',
        reason: 'UnsupportedValue',
        message: `no rules could be translated: ${dropped.join('; ')}`,
      },
    };
  }
  return {
    producesRoutes,
    ...(resolvedRefsFailure ? { resolvedRefsFailure } : {}),
    ...(dropped.length > 0
      ? {
          partiallyInvalid: {
            type: 'PartiallyInvalid',
            status: 'True',
            reason: 'UnsupportedValue',
            message: `Dropped Rule(s): ${dropped.join('; ')}`,
          },
        }
      : {}),
  };
}

function hasRedirect(rule: Json): boolean {
  return ((rule.filters ?? []) as Json[]).some((filter) => filter.type === 'RequestRedirect');
}

function matchProblem(match: Json): string | undefined {
  if (match.path) {
    const type = match.path.type ?? 'PathPrefix';
    if (match.path.value == null) return 'path match value cannot be nil';
    if (!['Exact', 'PathPrefix', 'RegularExpression'].includes(type)) {
      return `unsupported path match type: ${type}`;
    }
  }
  for (const header of (match.headers ?? []) as Json[]) {
    const type = header.type ?? 'Exact';
    if (type !== 'Exact' && type !== 'RegularExpression') {
      return `unsupported header match type: ${type}`;
    }
  }
  return undefined;
}

/** The first backend problem, checked in cloud-provider-kind's order. */
function backendFailure(
  world: GatewayWorld,
  route: Readonly<KubeObject>,
  backendRefs: Json[],
): ConditionUpdate | undefined {
  const fail = (reason: string, message: string): ConditionUpdate => ({
    type: 'ResolvedRefs',
    status: 'False',
    reason,
    message,
  });
  const routeNamespace = route.metadata.namespace!;
  for (const ref of backendRefs) {
    const namespace: string = ref.namespace ?? routeNamespace;
    if (
      namespace !== routeNamespace &&
      !crossNamespaceAllowed(world, 'HTTPRoute', routeNamespace, 'Service', ref.name, namespace)
    ) {
      return fail('RefNotPermitted', 'permission error');
    }
    if (!world.serviceExists(namespace, ref.name))
      return fail('BackendNotFound', 'backend not found');
    if (ref.kind != null && ref.kind !== 'Service') {
      return fail('InvalidKind', `unsupported backend kind: ${ref.kind}`);
    }
    if (ref.port == null) return fail('UnsupportedProtocol', 'backend port must be specified');
  }
  return undefined;
}

/** Does a ReferenceGrant in the target namespace let this kind of object point there? */
export function crossNamespaceAllowed(
  world: GatewayWorld,
  fromKind: string,
  fromNamespace: string,
  toKind: string,
  toName: string,
  toNamespace: string,
): boolean {
  return world.referenceGrants(toNamespace).some((grant) => {
    const fromAllowed = ((grant.spec?.from ?? []) as Json[]).some(
      (from) =>
        from.group === gatewayGroup && from.kind === fromKind && from.namespace === fromNamespace,
    );
    const toAllowed = ((grant.spec?.to ?? []) as Json[]).some(
      (to) => (to.group ?? '') === '' && to.kind === toKind && (!to.name || to.name === toName),
    );
    return fromAllowed && toAllowed;
  });
}

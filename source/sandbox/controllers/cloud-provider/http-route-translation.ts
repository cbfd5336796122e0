import type { Json, KubeObject } from '../../api/kube-object.ts';
import type { GatewayWorld } from './gateway-world.ts';
import { crossNamespaceAllowed } from './reference-grants.ts';
import type { ConditionUpdate } from './status-conditions.ts';

export interface RouteTranslation {
  /** At least one rule became a proxy route (what `attachedRoutes` counts). */
  producesRoutes: boolean;
  notAccepted?: ConditionUpdate;
  resolvedRefsFailure?: ConditionUpdate;
  partiallyInvalid?: ConditionUpdate;
}

const supportedFilters = new Set(['RequestRedirect', 'RequestHeaderModifier']);

/** What translating the route into proxy configuration reports: dropped rules, bad backends. */
export function translateRoute(world: GatewayWorld, route: Readonly<KubeObject>): RouteTranslation {
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

export function hasRedirect(rule: Json): boolean {
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

import { describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { computeGatewayStatus } from '../../../source/sandbox/controllers/cloud-provider/gateway-status.ts';
import type { GatewayWorld } from '../../../source/sandbox/controllers/cloud-provider/gateway-world.ts';
import { hostnameWithin } from '../../../source/sandbox/controllers/cloud-provider/http-route-attachment.ts';

const now = '2026-11-26T12:00:00Z';

function gateway(listeners: Json[], extra: Json = {}): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: 'apps', generation: 2 },
    spec: { gatewayClassName: 'cloud-provider-kind', listeners, ...extra },
  };
}

function route(name: string, spec: Json, namespace = 'apps'): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace, generation: 1 },
    spec: { parentRefs: [{ name: 'gw', namespace: 'apps' }], ...spec },
  };
}

function world(overrides: Partial<GatewayWorld>): GatewayWorld {
  return {
    gateway: gateway([{ name: 'http', port: 80, protocol: 'HTTP' }]),
    routes: [],
    serviceExists: (namespace, name) => `${namespace}/${name}` !== 'apps/missing',
    secret: () => undefined,
    namespaceLabels: (namespace) => ({ 'kubernetes.io/metadata.name': namespace, team: namespace }),
    referenceGrants: () => [],
    address: '172.18.0.100',
    now,
    ...overrides,
  };
}

/** The conditions of the route's (only) parent status for the Gateway. */
function parentConditions(outcome: ReturnType<typeof computeGatewayStatus>, route: string): Json[] {
  return outcome.routeParents.get(route)?.[0]?.conditions ?? [];
}

function summary(conditions: Json[]): string[] {
  return conditions.map((c) => `${c.type}=${c.status}/${c.reason}: ${c.message}`);
}

const backend = (name: string, extra: Json = {}) => ({
  rules: [{ backendRefs: [{ name, port: 80, ...extra }] }],
});

describe('computeGatewayStatus', () => {
  it('stamps conditions with the generation and keeps transition times that did not change', () => {
    const first = computeGatewayStatus(world({})).status;
    expect(first.conditions[0]).toEqual({
      type: 'Accepted',
      status: 'True',
      observedGeneration: 2,
      lastTransitionTime: now,
      reason: 'Accepted',
      message: 'Gateway is accepted',
    });
    const later = computeGatewayStatus(
      world({
        gateway: { ...gateway([{ name: 'http', port: 80, protocol: 'HTTP' }]), status: first },
        now: '2026-11-26T13:00:00Z',
      }),
    ).status;
    expect(later).toEqual(first);
  });

  it('rejects routes whose hostnames no listener serves', () => {
    const outcome = computeGatewayStatus(
      world({
        gateway: gateway([{ name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example.com' }]),
        routes: [
          route('shop', { hostnames: ['shop.example.com'], ...backend('echo') }),
          route('other', { hostnames: ['example.org'], ...backend('echo') }),
        ],
      }),
    );
    expect(summary(parentConditions(outcome, 'apps/shop'))[0]).toBe(
      'Accepted=True/Accepted: Route is accepted.',
    );
    expect(summary(parentConditions(outcome, 'apps/other'))[0]).toBe(
      "Accepted=False/NoMatchingListenerHostname: The route's hostnames do not match any listener hostnames.",
    );
    expect(outcome.status.listeners[0].attachedRoutes).toBe(1);
  });

  it('needs a ReferenceGrant for a backend in another namespace', () => {
    const crossing = route('cross', backend('db', { namespace: 'data' }));
    const denied = computeGatewayStatus(world({ routes: [crossing] }));
    expect(summary(parentConditions(denied, 'apps/cross'))[1]).toBe(
      'ResolvedRefs=False/RefNotPermitted: permission error',
    );
    const grant: KubeObject = {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'allow-apps', namespace: 'data' },
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }],
        to: [{ group: '', kind: 'Service' }],
      },
    };
    const allowed = computeGatewayStatus(
      world({ routes: [crossing], referenceGrants: (ns) => (ns === 'data' ? [grant] : []) }),
    );
    expect(summary(parentConditions(allowed, 'apps/cross'))[1]).toBe(
      'ResolvedRefs=True/ResolvedRefs: All references resolved',
    );
  });

  it('admits routes from namespaces a listener selects', () => {
    const listener = {
      name: 'http',
      port: 80,
      protocol: 'HTTP',
      allowedRoutes: {
        namespaces: { from: 'Selector', selector: { matchLabels: { team: 'blue' } } },
      },
    };
    const outcome = computeGatewayStatus(
      world({
        gateway: gateway([listener]),
        routes: [route('blue', backend('echo'), 'blue'), route('red', backend('echo'), 'red')],
      }),
    );
    expect(parentConditions(outcome, 'blue/blue')[0]?.status).toBe('True');
    expect(parentConditions(outcome, 'red/red')[0]?.reason).toBe('NotAllowedByListeners');
  });

  it('drops rules it cannot translate, and refuses a route with nothing left', () => {
    const outcome = computeGatewayStatus(
      world({
        routes: [
          route('mirror', {
            rules: [
              { filters: [{ type: 'RequestMirror' }], backendRefs: [{ name: 'echo', port: 80 }] },
            ],
          }),
          route('partly', {
            rules: [
              { filters: [{ type: 'URLRewrite' }], backendRefs: [{ name: 'echo', port: 80 }] },
              { backendRefs: [{ name: 'echo', port: 80 }] },
            ],
          }),
        ],
      }),
    );
    expect(summary(parentConditions(outcome, 'apps/mirror'))).toEqual([
      'Accepted=False/UnsupportedValue: no rules could be translated: rule[0] has unsupported filter type "RequestMirror"',
      'ResolvedRefs=True/ResolvedRefs: All backend references have been resolved.',
    ]);
    expect(summary(parentConditions(outcome, 'apps/partly'))).toEqual([
      'Accepted=True/Accepted: Route is accepted.',
      'ResolvedRefs=True/ResolvedRefs: All references resolved',
      'PartiallyInvalid=True/UnsupportedValue: Dropped Rule(s): rule[0] has unsupported filter type "URLRewrite"',
    ]);
  });

  it('does not program an HTTPS listener whose certificate Secret is missing', () => {
    const outcome = computeGatewayStatus(
      world({
        gateway: gateway([
          {
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            tls: { mode: 'Terminate', certificateRefs: [{ name: 'tls-cert' }] },
          },
        ]),
      }),
    );
    expect(summary(outcome.status.listeners[0].conditions)).toEqual([
      'ResolvedRefs=False/InvalidCertificateRef: reference to Secret apps/tls-cert not found',
      'Programmed=False/Invalid: Failed to program listener: failed to build TLS context for listener https: failed to get secret apps/tls-cert: secret "tls-cert" not found',
      'Accepted=True/Accepted: Listener is valid',
    ]);
    expect(summary(outcome.status.conditions)[1]).toBe(
      'Programmed=False/ListenersNotProgrammed: 1 out of 1 listeners failed to be programmed',
    );
  });

  it('reports a requested static address it could not assign', () => {
    const outcome = computeGatewayStatus(
      world({
        gateway: gateway([{ name: 'http', port: 80, protocol: 'HTTP' }], {
          addresses: [{ type: 'IPAddress', value: '10.1.2.3' }],
        }),
      }),
    );
    expect(summary(outcome.status.conditions)[1]).toBe(
      'Programmed=False/AddressNotUsable: 1 out of 1 addresses failed to be assigned',
    );
  });
});

describe('hostnameWithin', () => {
  it.each([
    ['shop.example.com', 'shop.example.com', true],
    ['shop.example.com', '*.example.com', true],
    ['example.com', '*.example.com', false],
    ['*.shop.example.com', '*.example.com', true],
    ['*.example.com', 'shop.example.com', true],
    ['*.example.com', 'example.com', true],
    ['*.example.com', '*.shop.example.com', false],
    ['shop.example.org', '*.example.com', false],
  ])('route %s within listener %s: %s', (routeHostname, listenerHostname, expected) => {
    expect(hostnameWithin(routeHostname, listenerHostname)).toBe(expected);
  });
});

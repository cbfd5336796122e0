import { describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import type { GatewayWorld } from '../../../source/sandbox/controllers/cloud-provider/gateway-world.ts';
import {
  findRoute,
  type ProxyRoute,
  pickWeighted,
  type RequestHeaders,
} from '../../../source/sandbox/network/envoy-route-table.ts';
import {
  gatewayProxyConfig,
  intersectingHostnames,
  type ProxyPort,
} from '../../../source/sandbox/network/gateway-router.ts';
import { seeded } from '../../support/seeded-random.ts';

// What cloud-provider-kind programs into a Gateway's Envoy, and where requests land, computed
// from Gateway and HTTPRoute fixtures.

const group = 'gateway.networking.k8s.io';

function gateway(listeners: Json[], namespace = 'default'): KubeObject {
  return {
    apiVersion: `${group}/v1`,
    kind: 'Gateway',
    metadata: { name: 'gw', namespace, generation: 1 },
    spec: { gatewayClassName: 'cloud-provider-kind', listeners },
  };
}

const httpListener = { name: 'http', port: 80, protocol: 'HTTP' };

let created = 0;
function route(name: string, spec: Json, namespace = 'default'): KubeObject {
  created++;
  return {
    apiVersion: `${group}/v1`,
    kind: 'HTTPRoute',
    metadata: {
      name,
      namespace,
      generation: 1,
      creationTimestamp: `2026-01-01T00:00:${String(created % 60).padStart(2, '0')}Z`,
    },
    spec: { parentRefs: [{ name: 'gw' }], ...spec },
  };
}

function backend(name: string, extra: Json = {}): Json {
  return { name, port: 80, ...extra };
}

function world(
  gatewayObject: KubeObject,
  routes: KubeObject[],
  extra: Partial<GatewayWorld> = {},
): GatewayWorld {
  return {
    gateway: gatewayObject,
    routes,
    serviceExists: (_namespace, name) => !name.startsWith('missing'),
    secret: () => undefined,
    namespaceLabels: () => ({}),
    referenceGrants: () => [],
    address: '172.18.0.100',
    now: '2026-01-01T00:00:00Z',
    ...extra,
  };
}

function port(
  config: ReturnType<typeof gatewayProxyConfig>,
  number: number,
): ProxyPort | undefined {
  return config.ports.find((p) => p.port === number);
}

/** Where a request lands: the backend Service(s), or what Envoy answers itself. */
function landing(
  proxyPort: ProxyPort | undefined,
  host: string,
  path: string,
  headers: RequestHeaders = {},
): string {
  if (!proxyPort) return 'no listener';
  const { route: hit } = findRoute(proxyPort.routeTable, { host, path, headers });
  return describeAction(hit);
}

function describeAction(hit: ProxyRoute | undefined): string {
  if (!hit) return '404';
  switch (hit.action.type) {
    case 'direct':
      return String(hit.action.status);
    case 'redirect':
      return `redirect ${hit.action.status} ${hit.action.hostname ?? ''}`.trim();
    case 'forward':
      return hit.action.clusters.map((c) => `${c.cluster.service}:${c.weight}`).join(' ');
  }
}

describe('matching within a route', () => {
  const routes = [
    route('paths', {
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api/' } }],
          backendRefs: [backend('api')],
        },
        {
          matches: [{ path: { type: 'Exact', value: '/api/health' } }],
          backendRefs: [backend('health')],
        },
        {
          matches: [{ path: { type: 'RegularExpression', value: '/v[0-9]+/.*' } }],
          backendRefs: [backend('versioned')],
        },
        {
          matches: [
            {
              path: { type: 'PathPrefix', value: '/api' },
              headers: [{ name: 'X-Canary', value: 'yes' }],
            },
          ],
          backendRefs: [backend('canary')],
        },
        {
          matches: [
            {
              path: { type: 'PathPrefix', value: '/api' },
              headers: [{ type: 'RegularExpression', name: 'user-agent', value: 'curl/.*' }],
            },
          ],
          backendRefs: [backend('curl')],
        },
        {
          matches: [
            {
              path: { type: 'PathPrefix', value: '/api' },
              queryParams: [{ name: 'debug', value: '1' }],
            },
          ],
          backendRefs: [backend('debug')],
        },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' }, method: 'POST' }],
          backendRefs: [backend('posts')],
        },
      ],
    }),
  ];
  const proxyPort = port(gatewayProxyConfig(world(gateway([httpListener]), routes)), 80);

  it.each([
    ['/api', {}, 'api:1'],
    ['/api/', {}, 'api:1'],
    ['/api/users?x=1', {}, 'api:1'],
    ['/apiary', {}, 'posts:1'],
    ['/api/health', {}, 'health:1'],
    ['/api/health?verbose', {}, 'health:1'],
    ['/api/health/', {}, 'api:1'],
    ['/v2/items', {}, 'versioned:1'],
    ['/v2', {}, 'posts:1'],
    // More header matches win over fewer at the same path length.
    ['/api/users', { 'x-canary': 'yes' }, 'canary:1'],
    ['/api/users', { 'x-canary': 'no' }, 'api:1'],
    ['/api/users', { 'user-agent': 'curl/8.5.0' }, 'curl:1'],
    ['/api/users', { 'user-agent': 'Wget/1.21' }, 'api:1'],
    ['/api/users?debug=1', {}, 'debug:1'],
    ['/api/users?debug=2', {}, 'api:1'],
    // cloud-provider-kind does not translate method matches: the rule matches any method.
    ['/other', {}, 'posts:1'],
  ])('%s %j → %s', (path, headers, expected) => {
    expect(landing(proxyPort, 'any.example', path, headers)).toBe(expected);
  });
});

describe('precedence across routes of one host', () => {
  it('orders exact, then longer paths, then more headers, then more query params, catch-all last', () => {
    const routes = [
      route('catch-all', { rules: [{ backendRefs: [backend('fallback')] }] }),
      route('short', {
        rules: [{ matches: [{ path: { value: '/a' } }], backendRefs: [backend('short')] }],
      }),
      route('long', {
        rules: [{ matches: [{ path: { value: '/a/b' } }], backendRefs: [backend('long')] }],
      }),
      route('exact', {
        rules: [
          { matches: [{ path: { type: 'Exact', value: '/a' } }], backendRefs: [backend('exact')] },
        ],
      }),
      route('older-twin', {
        rules: [{ matches: [{ path: { value: '/t' } }], backendRefs: [backend('older')] }],
      }),
      route('newer-twin', {
        rules: [{ matches: [{ path: { value: '/t' } }], backendRefs: [backend('newer')] }],
      }),
    ];
    const proxyPort = port(gatewayProxyConfig(world(gateway([httpListener]), routes)), 80);
    expect(proxyPort?.routeTable.virtualHosts.map((v) => v.routes.map((r) => r.name))).toEqual([
      [
        'default-exact-rule0-match0',
        'default-long-rule0-match0',
        'default-short-rule0-match0',
        'default-older-twin-rule0-match0',
        'default-newer-twin-rule0-match0',
        'default-catch-all-rule0-match0',
      ],
    ]);
    expect(landing(proxyPort, 'x', '/a')).toBe('exact:1');
    expect(landing(proxyPort, 'x', '/a/b/c')).toBe('long:1');
    expect(landing(proxyPort, 'x', '/a/c')).toBe('short:1');
    expect(landing(proxyPort, 'x', '/t')).toBe('older:1');
    expect(landing(proxyPort, 'x', '/zzz')).toBe('fallback:1');
  });
});

describe('hostnames', () => {
  it.each([
    [undefined, [], ['*']],
    [undefined, ['a.example', 'a.example'], ['a.example']],
    ['a.example', [], ['a.example']],
    ['*.example', ['a.example', 'b.other'], ['a.example']],
    ['a.example', ['*.example'], ['a.example']],
    ['*.example', ['*.b.example'], ['*.b.example']],
    ['a.example', ['b.example'], []],
  ])(
    'listener %s with route hostnames %j → virtual hosts %j',
    (listenerHostname, hostnames, expected) => {
      const listener = listenerHostname
        ? { ...httpListener, hostname: listenerHostname }
        : httpListener;
      expect(intersectingHostnames(listener, hostnames).sort()).toEqual(expected);
    },
  );

  const routes = [
    route('exact', { hostnames: ['www.example'], rules: [{ backendRefs: [backend('www')] }] }),
    route('wild', { hostnames: ['*.example'], rules: [{ backendRefs: [backend('wild')] }] }),
    route('deeper', { hostnames: ['*.api.example'], rules: [{ backendRefs: [backend('api')] }] }),
    route('any', {
      rules: [{ matches: [{ path: { value: '/any' } }], backendRefs: [backend('any')] }],
    }),
  ];
  const proxyPort = port(gatewayProxyConfig(world(gateway([httpListener]), routes)), 80);

  it.each([
    ['www.example', '/', 'www:1'],
    ['WWW.example:8080', '/', 'www:1'],
    ['shop.example', '/', 'wild:1'],
    ['a.b.example', '/', 'wild:1'],
    ['v1.api.example', '/', 'api:1'],
    ['example', '/any', 'any:1'],
    ['other.test', '/any', 'any:1'],
    // A host with a virtual host of its own never falls back to another one.
    ['www.example', '/any', 'www:1'],
    ['other.test', '/', '404'],
  ])('%s%s → %s', (host, path, expected) => {
    expect(landing(proxyPort, host, path)).toBe(expected);
  });
});

describe('attachment to listeners', () => {
  const listeners = [
    { name: 'http', port: 80, protocol: 'HTTP', hostname: '*.example' },
    { name: 'admin', port: 8080, protocol: 'HTTP' },
    {
      name: 'other-namespaces',
      port: 9090,
      protocol: 'HTTP',
      allowedRoutes: { namespaces: { from: 'All' } },
    },
  ];
  const routes = [
    route('site', {
      hostnames: ['www.example', 'www.test'],
      rules: [{ backendRefs: [backend('site')] }],
    }),
    route('admin', {
      parentRefs: [{ name: 'gw', sectionName: 'admin' }],
      rules: [{ backendRefs: [backend('admin')] }],
    }),
    route(
      'foreign',
      {
        parentRefs: [{ name: 'gw', namespace: 'default' }],
        rules: [{ backendRefs: [backend('foreign')] }],
      },
      'team',
    ),
    route('elsewhere', {
      parentRefs: [{ name: 'another-gateway' }],
      rules: [{ backendRefs: [backend('elsewhere')] }],
    }),
  ];
  const config = gatewayProxyConfig(world(gateway(listeners), routes));

  it.each([
    [80, 'www.example', 'site:1'],
    [80, 'www.test', '404'],
    [8080, 'www.test', 'site:1'],
    [8080, 'admin.local', 'admin:1'],
    [80, 'admin.example', '404'],
    [9090, 'x', 'foreign:1'],
    [80, 'foreign.example', '404'],
  ])('port %d, host %s → %s', (number, host, expected) => {
    expect(landing(port(config, number), host, '/')).toBe(expected);
  });

  it('serves nothing for a Gateway that is not accepted', () => {
    const unsupported = gateway([httpListener]);
    unsupported.spec.infrastructure = { parametersRef: { group: 'x', kind: 'Y', name: 'z' } };
    expect(gatewayProxyConfig(world(unsupported, routes)).ports).toEqual([]);
  });

  it('gives listeners of an unsupported protocol no port', () => {
    const config = gatewayProxyConfig(
      world(gateway([httpListener, { name: 'tcp', port: 5432, protocol: 'TCP' }]), routes),
    );
    expect(config.ports.map((p) => p.port)).toEqual([80]);
  });
});

describe('backends', () => {
  const routes = [
    route('split', {
      hostnames: ['split.example'],
      rules: [
        {
          backendRefs: [
            backend('stable', { weight: 90 }),
            backend('canary', { weight: 10 }),
            backend('off', { weight: 0 }),
          ],
        },
      ],
    }),
    route('missing', {
      hostnames: ['missing.example'],
      rules: [{ backendRefs: [backend('stable'), backend('missing-service')] }],
    }),
    route('zero', {
      hostnames: ['zero.example'],
      rules: [{ backendRefs: [backend('stable', { weight: 0 })] }],
    }),
    route('none', { hostnames: ['none.example'], rules: [{}] }),
    route('no-port', {
      hostnames: ['no-port.example'],
      rules: [{ backendRefs: [{ name: 'stable' }] }],
    }),
    route('kind', {
      hostnames: ['kind.example'],
      rules: [{ backendRefs: [backend('stable', { kind: 'Pod' })] }],
    }),
    route('cross', {
      hostnames: ['cross.example'],
      rules: [{ backendRefs: [backend('stable', { namespace: 'team' })] }],
    }),
  ];
  const proxyPort = port(gatewayProxyConfig(world(gateway([httpListener]), routes)), 80);

  it.each([
    ['split.example', 'stable:90 canary:10'],
    // cloud-provider-kind answers 500 for the whole rule when any backendRef is invalid.
    ['missing.example', '500'],
    ['zero.example', '500'],
    ['none.example', '500'],
    ['no-port.example', '500'],
    ['kind.example', '500'],
    ['cross.example', '500'],
  ])('%s → %s', (host, expected) => {
    expect(landing(proxyPort, host, '/')).toBe(expected);
  });

  it('allows a cross-namespace backend a ReferenceGrant permits', () => {
    const grant: KubeObject = {
      apiVersion: `${group}/v1beta1`,
      kind: 'ReferenceGrant',
      metadata: { name: 'let-default-in', namespace: 'team' },
      spec: {
        from: [{ group, kind: 'HTTPRoute', namespace: 'default' }],
        to: [{ group: '', kind: 'Service' }],
      },
    };
    const granted = port(
      gatewayProxyConfig(
        world(gateway([httpListener]), routes, {
          referenceGrants: (ns) => (ns === 'team' ? [grant] : []),
        }),
      ),
      80,
    );
    const { route: hit } = findRoute(granted!.routeTable, {
      host: 'cross.example',
      path: '/',
      headers: {},
    });
    expect(hit?.action).toEqual({
      type: 'forward',
      clusters: [
        {
          cluster: {
            name: 'team_stable_core_Service_80',
            namespace: 'team',
            service: 'stable',
            port: 80,
          },
          weight: 1,
        },
      ],
    });
  });

  it('splits by weight: 90/10 over 10,000 seeded picks', () => {
    const { route: hit } = findRoute(proxyPort!.routeTable, {
      host: 'split.example',
      path: '/',
      headers: {},
    });
    if (hit?.action.type !== 'forward') throw new Error('expected a forward action');
    const random = seeded(42);
    const tally = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) {
      const chosen = pickWeighted(hit.action.clusters, random)!.service;
      tally.set(chosen, (tally.get(chosen) ?? 0) + 1);
    }
    expect(tally.get('off')).toBeUndefined();
    expect(tally.get('stable')).toBeGreaterThan(8_800);
    expect(tally.get('stable')).toBeLessThan(9_200);
    expect(tally.get('canary')).toBe(10_000 - tally.get('stable')!);
  });

  it.each([
    [0, 'stable'],
    [0.8999, 'stable'],
    [0.9, 'canary'],
    [0.9999, 'canary'],
  ])('a random point of %d picks %s', (point, expected) => {
    const clusters = [
      { cluster: { name: 'a', namespace: 'default', service: 'stable', port: 80 }, weight: 90 },
      { cluster: { name: 'b', namespace: 'default', service: 'canary', port: 80 }, weight: 10 },
    ];
    expect(pickWeighted(clusters, () => point)?.service).toBe(expected);
  });
});

describe('filters', () => {
  const routes = [
    route('headers', {
      hostnames: ['headers.example'],
      rules: [
        {
          filters: [
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: {
                set: [{ name: 'X-Env', value: 'prod' }],
                add: [{ name: 'X-Trace', value: 'gateway' }],
                remove: ['X-Debug'],
              },
            },
          ],
          backendRefs: [backend('web')],
        },
      ],
    }),
    route('redirect', {
      hostnames: ['old.example'],
      rules: [
        {
          filters: [
            {
              type: 'RequestRedirect',
              requestRedirect: { hostname: 'new.example', statusCode: 301 },
            },
          ],
        },
      ],
    }),
    route('mirror', {
      hostnames: ['mirror.example'],
      rules: [
        {
          filters: [{ type: 'RequestMirror', requestMirror: { backendRef: backend('copy') } }],
          backendRefs: [backend('web')],
        },
        { matches: [{ path: { value: '/kept' } }], backendRefs: [backend('kept')] },
      ],
    }),
  ];
  const proxyPort = port(gatewayProxyConfig(world(gateway([httpListener]), routes)), 80);

  it('carries a RequestHeaderModifier as header mutations, names lower-cased', () => {
    const { route: hit } = findRoute(proxyPort!.routeTable, {
      host: 'headers.example',
      path: '/',
      headers: {},
    });
    expect(hit?.requestHeaders).toEqual({
      set: [{ name: 'x-env', value: 'prod' }],
      add: [{ name: 'x-trace', value: 'gateway' }],
      remove: ['X-Debug'],
    });
  });

  it('redirects with the filter’s host name and status', () => {
    expect(landing(proxyPort, 'old.example', '/page')).toBe('redirect 301 new.example');
  });

  it('drops a rule with a filter cloud-provider-kind does not implement', () => {
    expect(landing(proxyPort, 'mirror.example', '/')).toBe('404');
    expect(landing(proxyPort, 'mirror.example', '/kept')).toBe('kept:1');
  });
});

describe('HTTPS listeners', () => {
  const pem = (label: string) => `-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----\n`;
  const tlsSecret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'site-tls', namespace: 'default' },
    type: 'kubernetes.io/tls',
    data: {
      'tls.crt': Buffer.from(pem('CERTIFICATE')).toString('base64'),
      'tls.key': Buffer.from(pem('PRIVATE KEY')).toString('base64'),
    },
  };
  const https = (name: string, hostname: string | undefined, secret: string): Json => ({
    name,
    port: 443,
    protocol: 'HTTPS',
    ...(hostname ? { hostname } : {}),
    tls: { mode: 'Terminate', certificateRefs: [{ name: secret }] },
  });
  const secrets = (_namespace: string, name: string) =>
    name === 'site-tls' ? tlsSecret : undefined;
  const routes = [route('site', { rules: [{ backendRefs: [backend('site')] }] })];

  it('gives each HTTPS listener a filter chain with its host name and certificates', () => {
    const config = gatewayProxyConfig(
      world(
        gateway([https('a', 'a.example', 'site-tls'), https('any', undefined, 'site-tls')]),
        routes,
        { secret: secrets },
      ),
    );
    const tls = port(config, 443)!;
    expect(tls.protocol).toBe('HTTPS');
    expect(tls.filterChains.map((chain) => chain.serverNames)).toEqual([['a.example'], []]);
    expect(tls.filterChains[0]!.certificates).toEqual([
      { secret: 'default/site-tls', certPem: pem('CERTIFICATE'), keyPem: pem('PRIVATE KEY') },
    ]);
    expect(tls.routeTable.virtualHosts.map((v) => v.domain).sort()).toEqual(['*', 'a.example']);
  });

  it('leaves out a listener whose Secret is missing; no listener at all means no port', () => {
    const config = gatewayProxyConfig(
      world(
        gateway([https('a', 'a.example', 'site-tls'), https('b', 'b.example', 'nope')]),
        routes,
        { secret: secrets },
      ),
    );
    expect(port(config, 443)!.filterChains.map((chain) => chain.serverNames)).toEqual([
      ['a.example'],
    ]);
    const none = gatewayProxyConfig(
      world(gateway([https('b', 'b.example', 'nope')]), routes, { secret: secrets }),
    );
    expect(none.ports).toEqual([]);
  });
});

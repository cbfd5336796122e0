import { describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { findRoute } from '../../../source/sandbox/network/envoy-route-table.ts';
import {
  type IngressWorld,
  ingressProxyConfig,
  ourClassIsDefault,
  routeName,
  servedByUs,
  translateIngresses,
} from '../../../source/sandbox/network/ingress-router.ts';

// cloud-provider-kind's Ingress translation and where requests then land, on fixtures.

type PathSpec = [path: string, pathType: string, service: string];

function ingress(name: string, spec: Json, creationTimestamp = '2026-01-01T00:00:00Z'): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: 'shop', creationTimestamp },
    spec,
  };
}

function rule(host: string | undefined, ...paths: PathSpec[]): Json {
  return {
    ...(host ? { host } : {}),
    http: {
      paths: paths.map(([path, pathType, service]) => ({
        path,
        pathType,
        backend: { service: { name: service, port: { number: 80 } } },
      })),
    },
  };
}

const services: Record<string, Json> = {
  web: { ports: [{ name: 'http', port: 80 }] },
  api: { ports: [{ name: 'http', port: 80 }] },
  docs: { ports: [{ name: 'http', port: 80 }] },
  fallback: { ports: [{ name: 'http', port: 8080 }] },
};

function world(ingresses: KubeObject[], secrets: Record<string, KubeObject> = {}): IngressWorld {
  return {
    namespace: 'shop',
    ingresses,
    service: (_namespace, name) =>
      services[name]
        ? { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: services[name] }
        : undefined,
    secret: (_namespace, name) => secrets[name],
    now: '2026-01-01T00:00:00Z',
  };
}

/** Where a request on port 80 lands: `service:port`, or the status Envoy answers with. */
function landing(ingresses: KubeObject[], host: string, path: string): string {
  const port80 = ingressProxyConfig(world(ingresses)).ports.find((p) => p.port === 80);
  const { route } = findRoute(port80!.routeTable, { host, path, headers: {} });
  if (!route) return '404';
  if (route.action.type !== 'forward') {
    return route.action.type === 'direct' ? String(route.action.status) : route.action.type;
  }
  return route.action.clusters.map((c) => `${c.cluster.service}:${c.cluster.port}`).join(' ');
}

describe('which Ingresses are ours', () => {
  it.each([
    ['cloud-provider-kind', true, true],
    ['cloud-provider-kind', false, true],
    ['nginx', true, false],
    [undefined, true, true],
    [undefined, false, false],
  ])('class %s, ours the default: %s → %s', (className, ourDefault, expected) => {
    const object = ingress('x', className ? { ingressClassName: className } : {});
    expect(servedByUs(object, ourDefault)).toBe(expected);
  });

  it('reads the default-class annotation', () => {
    const ourClass: KubeObject = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: {
        name: 'cloud-provider-kind',
        annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
      },
    };
    expect(ourClassIsDefault(ourClass)).toBe(true);
    expect(ourClassIsDefault({ ...ourClass, metadata: { name: 'cloud-provider-kind' } })).toBe(
      false,
    );
    expect(ourClassIsDefault(undefined)).toBe(false);
  });
});

describe('host and path matching', () => {
  const site = ingress('site', {
    defaultBackend: { service: { name: 'fallback', port: { name: 'http' } } },
    rules: [
      rule(
        'shop.example',
        ['/', 'Prefix', 'web'],
        ['/api', 'Prefix', 'api'],
        ['/api/v1/', 'Prefix', 'docs'],
      ),
      rule(
        'exact.example',
        ['/status', 'Exact', 'api'],
        ['/status', 'Prefix', 'web'],
        ['/', 'ImplementationSpecific', 'docs'],
      ),
      rule('*.shop.example', ['/', 'Prefix', 'docs']),
    ],
  });

  it.each([
    ['shop.example', '/', 'web:80'],
    ['shop.example', '/cart', 'web:80'],
    ['shop.example', '/api', 'api:80'],
    ['shop.example', '/api/', 'api:80'],
    ['shop.example', '/api/users', 'api:80'],
    // Prefix matches by path element: /apiary is not under /api.
    ['shop.example', '/apiary', 'web:80'],
    // The longest prefix wins; a trailing slash in the Ingress path does not matter.
    ['shop.example', '/api/v1', 'docs:80'],
    ['shop.example', '/api/v1/orders', 'docs:80'],
    ['shop.example:80', '/api', 'api:80'],
    ['SHOP.Example', '/api', 'api:80'],
    // Exact before Prefix at equal length; the query string is not part of the path.
    ['exact.example', '/status', 'api:80'],
    ['exact.example', '/status?full=1', 'api:80'],
    ['exact.example', '/status/', 'web:80'],
    ['exact.example', '/other', 'docs:80'],
    // A wildcard host covers subdomains (at any depth, as in Gateway API), not the bare domain.
    ['eu.shop.example', '/', 'docs:80'],
    ['a.b.shop.example', '/', 'docs:80'],
    // Hosts without rules fall to the default backend, its named port resolved.
    ['elsewhere.example', '/', 'fallback:8080'],
    ['10.0.0.1', '/anything', 'fallback:8080'],
  ])('%s%s → %s', (host, path, expected) => {
    expect(landing([site], host, path)).toBe(expected);
  });

  it('answers 404 for a host with rules but no matching path, even with a default backend', () => {
    const narrow = ingress('narrow', {
      defaultBackend: { service: { name: 'fallback', port: { number: 8080 } } },
      rules: [rule('narrow.example', ['/only', 'Exact', 'web'])],
    });
    expect(landing([narrow], 'narrow.example', '/only')).toBe('web:80');
    expect(landing([narrow], 'narrow.example', '/other')).toBe('404');
    expect(landing([narrow], 'wide.example', '/other')).toBe('fallback:8080');
  });

  it('answers 404 for everything when no rule and no default backend match', () => {
    const only = ingress('only', { rules: [rule('a.example', ['/', 'Prefix', 'web'])] });
    expect(landing([only], 'b.example', '/')).toBe('404');
  });

  it('uses a rule without host as the default backend, instead of spec.defaultBackend', () => {
    const hostless = ingress('hostless', {
      defaultBackend: { service: { name: 'fallback', port: { number: 8080 } } },
      rules: [rule(undefined, ['/api', 'Prefix', 'api'])],
    });
    expect(landing([hostless], 'any.example', '/api/x')).toBe('api:80');
    expect(landing([hostless], 'any.example', '/')).toBe('404');
  });

  it('answers 500 for a backend Service that does not exist', () => {
    const ghost = ingress('ghost', { rules: [rule('ghost.example', ['/', 'Prefix', 'missing'])] });
    expect(landing([ghost], 'ghost.example', '/')).toBe('500');
  });

  it('drops an Ingress whose named backend port cannot be resolved', () => {
    const broken = ingress('broken', {
      rules: [
        {
          host: 'broken.example',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'web', port: { name: 'grpc' } } },
              },
            ],
          },
        },
      ],
    });
    const fine = ingress('fine', { rules: [rule('fine.example', ['/', 'Prefix', 'web'])] });
    expect(landing([broken, fine], 'broken.example', '/')).toBe('404');
    expect(landing([broken, fine], 'fine.example', '/')).toBe('web:80');
  });
});

describe('several Ingresses of the class in one namespace', () => {
  const older = ingress(
    'older',
    { rules: [rule('shop.example', ['/', 'Prefix', 'web'], ['/docs', 'Prefix', 'docs'])] },
    '2026-01-01T00:00:00Z',
  );
  const newer = ingress(
    'newer',
    { rules: [rule('shop.example', ['/api', 'Prefix', 'api'], ['/docs', 'Prefix', 'api'])] },
    '2026-01-02T00:00:00Z',
  );

  it.each([
    ['/', 'web:80'],
    ['/api/x', 'api:80'],
    // The same path in two Ingresses: the older Ingress's rule comes first.
    ['/docs', 'docs:80'],
  ])('merge their rules per host: %s → %s', (path, expected) => {
    expect(landing([newer, older], 'shop.example', path)).toBe(expected);
  });
});

describe('the translated Gateway API objects', () => {
  it('names routes per host and listens on 443 with every TLS Secret of the namespace, sorted', () => {
    const one = ingress('one', {
      tls: [{ hosts: ['a.example'], secretName: 'z-tls' }],
      rules: [rule('a.example', ['/', 'Prefix', 'web'])],
      defaultBackend: { service: { name: 'web', port: { number: 80 } } },
    });
    const two = ingress('two', {
      tls: [
        { hosts: ['b.example'], secretName: 'a-tls' },
        { hosts: ['c.example'], secretName: 'z-tls' },
      ],
      rules: [rule('b.example', ['/', 'Prefix', 'web'])],
    });
    const { gateway, routes } = translateIngresses(world([one, two]));
    expect(gateway.metadata).toMatchObject({ name: 'kind-ingress-gateway', namespace: 'shop' });
    expect(gateway.spec.listeners).toEqual([
      { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } },
      {
        name: 'https',
        port: 443,
        protocol: 'HTTPS',
        allowedRoutes: { namespaces: { from: 'Same' } },
        tls: { mode: 'Terminate', certificateRefs: [{ name: 'a-tls' }, { name: 'z-tls' }] },
      },
    ]);
    expect(routes.map((r) => [r.metadata.name, r.spec.hostnames])).toEqual([
      [routeName('one', 'a.example'), ['a.example']],
      ['one-default-backend', undefined],
      [routeName('two', 'b.example'), ['b.example']],
    ]);
    expect(routeName('one', 'a.example')).toMatch(/^one-[0-9a-f]{10}$/);
  });

  it('has no 443 listener without TLS, and no HTTPS port while a Secret is missing', () => {
    const plain = ingress('plain', { rules: [rule('a.example', ['/', 'Prefix', 'web'])] });
    expect(ingressProxyConfig(world([plain])).ports.map((p) => p.port)).toEqual([80]);
    const secured = ingress('secured', {
      tls: [{ hosts: ['a.example'], secretName: 'absent' }],
      rules: [rule('a.example', ['/', 'Prefix', 'web'])],
    });
    expect(ingressProxyConfig(world([secured])).ports.map((p) => p.port)).toEqual([80]);
  });
});

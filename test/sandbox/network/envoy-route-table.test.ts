import { describe, expect, it } from 'vitest';
import {
  type ProxyRoute,
  type RouteTable,
  selectVirtualHost,
  sortRoutes,
} from '../../../source/sandbox/network/envoy-route-table.ts';

// Envoy's choice of virtual host, and cloud-provider-kind's route order, on small tables.

const table: RouteTable = {
  virtualHosts: ['*', '*.example', '*.api.example', 'www.example', '*-dev.example'].map(
    (domain) => ({ domain, routes: [] }),
  ),
};

describe('virtual host selection', () => {
  it.each([
    ['www.example', 'www.example'],
    ['WWW.EXAMPLE', 'www.example'],
    ['www.example:8080', 'www.example'],
    ['shop.example', '*.example'],
    ['v1.api.example', '*.api.example'],
    ['x.v1.api.example', '*.api.example'],
    ['app-dev.example', '*-dev.example'],
    // A wildcard never matches an empty label.
    ['example', '*'],
    ['.example', '*'],
    ['-dev.example', '*.example'],
    ['10.96.0.1', '*'],
  ])('%s → %s', (host, domain) => {
    expect(selectVirtualHost(table, host)?.domain).toBe(domain);
  });

  it('finds nothing without a catch-all domain', () => {
    expect(selectVirtualHost({ virtualHosts: [{ domain: 'a.test', routes: [] }] }, 'b.test')).toBe(
      undefined,
    );
  });
});

function route(name: string, match: Partial<ProxyRoute['match']>): ProxyRoute {
  return {
    name,
    match: { path: { type: 'Prefix', value: '/' }, headers: [], queryParams: [], ...match },
    action: { type: 'direct', status: 200 },
    requestHeaders: { set: [], add: [], remove: [] },
  };
}

describe('route order', () => {
  it('puts the catch-all last and exact paths first, then longer paths, headers, query params', () => {
    const routes = [
      route('catch-all', {}),
      route('regex', { path: { type: 'RegularExpression', value: '/v\\d+(/.*)?' } }),
      route('prefix-a', { path: { type: 'PathSeparatedPrefix', value: '/a' } }),
      route('prefix-a-header', {
        path: { type: 'PathSeparatedPrefix', value: '/a' },
        headers: [{ name: 'x', type: 'Exact', value: '1' }],
      }),
      route('prefix-a-query', {
        path: { type: 'PathSeparatedPrefix', value: '/a' },
        queryParams: [{ name: 'q', value: '1' }],
      }),
      route('root-with-header', { headers: [{ name: 'x', type: 'Exact', value: '1' }] }),
      route('exact-short', { path: { type: 'Exact', value: '/' } }),
      route('prefix-long', { path: { type: 'PathSeparatedPrefix', value: '/abc/def' } }),
    ];
    expect(sortRoutes(routes).map((r) => r.name)).toEqual([
      'exact-short',
      'prefix-long',
      'regex',
      'prefix-a-header',
      'prefix-a-query',
      'prefix-a',
      'root-with-header',
      'catch-all',
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';
import { service } from './networking-fixtures.ts';

let harness: SandboxHarness;

beforeAll(async () => {
  harness = await startHarness();
  harness.sandbox.ops.create(resourceById('/namespaces'), {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'team-b' },
  });
  harness.sandbox.ops.create(resourceById('/services'), service({ name: 'echo' }));
  harness.sandbox.ops.create(gateways, gateway('web', 'cloud-provider-kind'));
});
afterAll(async () => {
  await harness.stop();
});

const group = 'gateway.networking.k8s.io';
const gateways = resourceById(`${group}/gateways`);
const routes = resourceById(`${group}/httproutes`);

function gateway(name: string, className: string, listeners?: Json[]): KubeObject {
  return {
    apiVersion: `${group}/v1`,
    kind: 'Gateway',
    metadata: { name, namespace: 'default' },
    spec: {
      gatewayClassName: className,
      listeners: listeners ?? [{ name: 'http', port: 80, protocol: 'HTTP' }],
    },
  };
}

function route(name: string, options: { namespace?: string; parentRef?: Json; backend?: Json }) {
  return {
    apiVersion: `${group}/v1`,
    kind: 'HTTPRoute',
    metadata: { name, namespace: options.namespace ?? 'default' },
    spec: {
      parentRefs: [options.parentRef ?? { name: 'web', namespace: 'default' }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [options.backend ?? { name: 'echo', port: 80 }],
        },
      ],
    },
  };
}

function peek(id: string, namespace: string | undefined, name: string) {
  return harness.sandbox.store.peek(id, namespace, name);
}

/** The route's conditions under its one parent, as [type, status, reason, message]. */
async function routeConditions(
  name: string,
  namespace = 'default',
  until?: (c: string[][]) => boolean,
) {
  return eventually(
    () => {
      const parents: Json[] | undefined = peek(routes.id, namespace, name)?.status?.parents;
      const conditions: string[][] | undefined = parents?.[0]?.conditions.map((c: Json) => [
        c.type,
        c.status,
        c.reason,
        c.message,
      ]);
      return conditions && (!until || until(conditions)) && conditions;
    },
    10_000,
    `status of HTTPRoute ${namespace}/${name}`,
  );
}

describe('Gateway API status from cloud-provider-kind', () => {
  it('accepts the cloud-provider-kind GatewayClass', async () => {
    const gatewayClass = await eventually(() => {
      const found = peek(`${group}/gatewayclasses`, undefined, 'cloud-provider-kind');
      return found?.status?.conditions && found;
    });
    expect(gatewayClass.status.conditions).toEqual([
      expect.objectContaining({
        type: 'Accepted',
        status: 'True',
        reason: 'Accepted',
        message: 'GatewayClass is accepted by this controller.',
        observedGeneration: 1,
      }),
    ]);
    expect(gatewayClass.status.supportedFeatures).toContainEqual({ name: 'HTTPRoute' });
  });

  it('programs a Gateway of its class with an address and per-listener status', async () => {
    harness.sandbox.ops.create(routes, route('echo', {}));
    const status = await eventually(() => {
      const found = peek(gateways.id, 'default', 'web')?.status;
      return found?.listeners?.[0]?.attachedRoutes === 1 && found;
    });
    expect(status.addresses).toEqual([
      { type: 'IPAddress', value: expect.stringMatching(/^172\.18\.0\.\d+$/) },
    ]);
    expect(status.conditions.map((c: Json) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Accepted', 'True', 'Accepted', 'Gateway is accepted'],
      ['Programmed', 'True', 'Programmed', 'Envoy configuration updated successfully'],
    ]);
    expect(status.listeners).toEqual([
      {
        name: 'http',
        supportedKinds: [{ group, kind: 'HTTPRoute' }],
        attachedRoutes: 1,
        conditions: [
          expect.objectContaining({ type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' }),
          expect.objectContaining({ type: 'Programmed', status: 'True', reason: 'Programmed' }),
          expect.objectContaining({ type: 'Accepted', status: 'True', reason: 'Accepted' }),
        ],
      },
    ]);
    expect(await routeConditions('echo')).toEqual([
      ['Accepted', 'True', 'Accepted', 'Route is accepted.'],
      ['ResolvedRefs', 'True', 'ResolvedRefs', 'All references resolved'],
    ]);
    const parent = peek(routes.id, 'default', 'echo')!.status.parents[0];
    expect(parent.controllerName).toBe('kind.sigs.k8s.io/gateway-controller');
    expect(parent.parentRef).toEqual({ group, kind: 'Gateway', name: 'web', namespace: 'default' });

    const table = await harness.kubectl(['get', 'gateway', 'web']);
    expect(table.stdout).toMatch(
      new RegExp(
        `^web\\s+cloud-provider-kind\\s+${status.addresses[0].value.replaceAll('.', '\\.')}\\s+True\\s`,
        'm',
      ),
    );
  });

  it('reports a backend Service that does not exist, until it does', async () => {
    harness.sandbox.ops.create(routes, route('missing', { backend: { name: 'later', port: 80 } }));
    expect(await routeConditions('missing', 'default', (c) => c[1]?.[1] === 'False')).toEqual([
      ['Accepted', 'True', 'Accepted', 'Route is accepted.'],
      ['ResolvedRefs', 'False', 'BackendNotFound', 'backend not found'],
    ]);
    harness.sandbox.ops.create(resourceById('/services'), service({ name: 'later' }));
    await routeConditions('missing', 'default', (c) => c[1]?.[1] === 'True');
  });

  it('refuses backends that are not Services', async () => {
    harness.sandbox.ops.create(
      routes,
      route('bucket', {
        backend: { group: 'example.com', kind: 'Bucket', name: 'echo', port: 80 },
      }),
    );
    expect((await routeConditions('bucket', 'default', (c) => c[1]?.[1] === 'False'))[1]).toEqual([
      'ResolvedRefs',
      'False',
      'InvalidKind',
      'unsupported backend kind: Bucket',
    ]);
  });

  it('rejects a parentRef naming no listener, and routes from namespaces the listener does not allow', async () => {
    harness.sandbox.ops.create(
      routes,
      route('wrong-section', { parentRef: { name: 'web', sectionName: 'https' } }),
    );
    expect((await routeConditions('wrong-section'))[0]!.slice(0, 3)).toEqual([
      'Accepted',
      'False',
      'NoMatchingParent',
    ]);

    harness.sandbox.ops.create(routes, route('elsewhere', { namespace: 'team-b' }));
    expect((await routeConditions('elsewhere', 'team-b'))[0]).toEqual([
      'Accepted',
      'False',
      'NotAllowedByListeners',
      "Route is not allowed by a listener's policy.",
    ]);
    // Neither counts as attached.
    const listener = peek(gateways.id, 'default', 'web')!.status.listeners[0];
    expect(listener.attachedRoutes).toBe(3);
  });

  it('leaves Gateways of classes it does not implement alone', async () => {
    harness.sandbox.ops.create(resourceById(`${group}/gatewayclasses`), {
      apiVersion: `${group}/v1`,
      kind: 'GatewayClass',
      metadata: { name: 'istio' },
      spec: { controllerName: 'istio.io/gateway-controller' },
    });
    harness.sandbox.ops.create(gateways, gateway('mesh', 'istio'));
    harness.sandbox.ops.create(gateways, gateway('second', 'cloud-provider-kind'));
    await eventually(() => peek(gateways.id, 'default', 'second')?.status?.addresses);
    // Still what the API server defaulted: waiting for a controller.
    const pending = (object: Readonly<KubeObject>) =>
      (object.status?.conditions ?? []).map((c: Json) => `${c.type}=${c.status}/${c.reason}`);
    expect(pending(peek(gateways.id, 'default', 'mesh')!)).toEqual([
      'Accepted=Unknown/Pending',
      'Programmed=Unknown/Pending',
    ]);
    expect(pending(peek(`${group}/gatewayclasses`, undefined, 'istio')!)).toEqual([
      'Accepted=Unknown/Pending',
    ]);
    expect(peek(gateways.id, 'default', 'mesh')!.status.addresses).toBeUndefined();
  });

  it('marks listeners that cannot be served', async () => {
    harness.sandbox.ops.create(
      gateways,
      gateway('mixed', 'cloud-provider-kind', [
        { name: 'http', port: 80, protocol: 'HTTP' },
        { name: 'tcp', port: 5432, protocol: 'TCP' },
        { name: 'clash-a', port: 8080, protocol: 'HTTP', hostname: 'a.example.com' },
        {
          name: 'clash-b',
          port: 8080,
          protocol: 'HTTPS',
          hostname: 'a.example.com',
          tls: { mode: 'Terminate', certificateRefs: [{ name: 'a-cert' }] },
        },
      ]),
    );
    const status = await eventually(
      () =>
        peek(gateways.id, 'default', 'mixed')?.status?.listeners &&
        peek(gateways.id, 'default', 'mixed')!.status,
    );
    const byName = Object.fromEntries(
      status.listeners.map((l: Json) => [
        l.name,
        l.conditions.map((c: Json) => `${c.type}=${c.status}/${c.reason}`),
      ]),
    );
    expect(byName).toEqual({
      http: [
        'ResolvedRefs=True/ResolvedRefs',
        'Programmed=True/Programmed',
        'Accepted=True/Accepted',
      ],
      tcp: ['ResolvedRefs=True/ResolvedRefs', 'Accepted=False/UnsupportedProtocol'],
      'clash-a': ['Conflicted=True/HostnameConflict'],
      'clash-b': ['Conflicted=True/HostnameConflict'],
    });
    expect(status.conditions.map((c: Json) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Accepted', 'True', 'ListenersNotValid', 'One or more listeners are not valid'],
      [
        'Programmed',
        'False',
        'ListenersNotProgrammed',
        '3 out of 4 listeners failed to be programmed',
      ],
    ]);
  });
});

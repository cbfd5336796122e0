import { describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { admissionFixture, rejection } from '../../support/admission.ts';

const gatewaysId = 'gateway.networking.k8s.io/gateways';
const routesId = 'gateway.networking.k8s.io/httproutes';

function object(name: string, spec: Json | undefined): Partial<KubeObject> {
  return { metadata: { name, namespace: 'default' }, ...(spec ? { spec } : {}) };
}

const notChecked =
  '<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

describe('Gateway API schemas', () => {
  it('defaults listeners and shows the controller-pending status', () => {
    const f = admissionFixture();
    const { object: gateway } = f.create(
      gatewaysId,
      object('web', {
        gatewayClassName: 'cloud-provider-kind',
        listeners: [
          {
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            tls: { certificateRefs: [{ name: 'cert' }] },
          },
        ],
      }),
    );
    expect(gateway.spec.listeners[0]).toEqual({
      name: 'https',
      port: 443,
      protocol: 'HTTPS',
      tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert', group: '', kind: 'Secret' }] },
      allowedRoutes: { namespaces: { from: 'Same' } },
    });
    expect(gateway.status.conditions.map((c: Json) => [c.type, c.status, c.reason])).toEqual([
      ['Accepted', 'Unknown', 'Pending'],
      ['Programmed', 'Unknown', 'Pending'],
    ]);
  });

  it('enforces the Gateway schema and its rules in apiextensions words', () => {
    const f = admissionFixture();
    const refused = (spec: Json | undefined) =>
      rejection(() => f.create(gatewaysId, object('bad', spec)));
    expect(refused(undefined)).toBe(
      `Gateway.gateway.networking.k8s.io "bad" is invalid: [spec: Required value, ${notChecked}]`,
    );
    expect(refused({ gatewayClassName: 'x', listeners: [] })).toBe(
      'Gateway.gateway.networking.k8s.io "bad" is invalid: spec.listeners: Invalid value: 0: spec.listeners in body should have at least 1 items',
    );
    expect(refused({ gatewayClassName: 'x', listeners: [{ name: 'web', port: 80 }] })).toBe(
      `Gateway.gateway.networking.k8s.io "bad" is invalid: [spec.listeners[0].protocol: Required value, ${notChecked}]`,
    );
    expect(
      refused({
        gatewayClassName: 'x',
        listeners: [
          { name: 'web', port: 80, protocol: 'HTTP', tls: { certificateRefs: [{ name: 'c' }] } },
        ],
      }),
    ).toBe(
      `Gateway.gateway.networking.k8s.io "bad" is invalid: spec.listeners: Invalid value: "array": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']`,
    );
    expect(
      refused({ gatewayClassName: 'x', listeners: [{ name: 'web', port: 0, protocol: 'HTTP' }] }),
    ).toBe(
      'Gateway.gateway.networking.k8s.io "bad" is invalid: spec.listeners[0].port: Invalid value: 0: spec.listeners[0].port in body should be greater than or equal to 1',
    );
  });

  it('defaults an HTTPRoute to match every path and weigh backends equally', () => {
    const f = admissionFixture();
    const { object: route } = f.create(
      routesId,
      object('echo', {
        parentRefs: [{ name: 'web' }],
        rules: [{ backendRefs: [{ name: 'echo', port: 8080 }] }],
      }),
    );
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'web', group: 'gateway.networking.k8s.io', kind: 'Gateway' }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: 'echo', port: 8080, group: '', kind: 'Service', weight: 1 }],
        },
      ],
    });
    const bare = f.create(routesId, object('bare', { parentRefs: [{ name: 'web' }] })).object;
    expect(bare.spec.rules).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }]);
  });

  it('refuses Service backends without ports and unknown path match types', () => {
    const f = admissionFixture();
    expect(
      rejection(() =>
        f.create(routesId, object('r', { rules: [{ backendRefs: [{ name: 'echo' }] }] })),
      ),
    ).toBe(
      'HTTPRoute.gateway.networking.k8s.io "r" is invalid: spec.rules[0].backendRefs[0]: Invalid value: "object": Must have port for Service reference',
    );
    expect(
      rejection(() =>
        f.create(
          routesId,
          object('r', { rules: [{ matches: [{ path: { type: 'Prefix', value: '/api' } }] }] }),
        ),
      ),
    ).toBe(
      `HTTPRoute.gateway.networking.k8s.io "r" is invalid: [spec.rules[0].matches[0].path.type: Unsupported value: "Prefix": supported values: "Exact", "PathPrefix", "RegularExpression", ${notChecked}]`,
    );
    expect(
      rejection(() =>
        f.create(routesId, object('r', { rules: [{ matches: [{ path: { value: 'api' } }] }] })),
      ),
    ).toBe(
      "HTTPRoute.gateway.networking.k8s.io \"r\" is invalid: spec.rules[0].matches[0].path: Invalid value: \"object\": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
    );
  });

  it('keeps a GatewayClass controllerName immutable', () => {
    const f = admissionFixture();
    const seeded = f.get(
      'gateway.networking.k8s.io/gatewayclasses',
      undefined,
      'cloud-provider-kind',
    )!;
    expect(seeded.status.conditions[0]).toMatchObject({
      type: 'Accepted',
      message: 'Waiting for controller',
    });
    const changed = { ...seeded, spec: { ...seeded.spec, controllerName: 'example.com/other' } };
    expect(rejection(() => f.update('gateway.networking.k8s.io/gatewayclasses', changed))).toBe(
      'GatewayClass.gateway.networking.k8s.io "cloud-provider-kind" is invalid: spec.controllerName: Invalid value: "string": Value is immutable',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { admissionFixture, rejection } from '../../support/admission.ts';

const backend = { service: { name: 'echo', port: { number: 80 } } };

function ingress(
  name: string,
  spec: Json,
  annotations?: Record<string, string>,
): Partial<KubeObject> {
  return {
    metadata: { name, namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec,
  };
}

describe('Ingress admission', () => {
  it('gives a classless Ingress the default IngressClass', () => {
    const f = admissionFixture();
    const { object } = f.create(
      'networking.k8s.io/ingresses',
      ingress('web', {
        rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }],
      }),
    );
    expect(object.spec.ingressClassName).toBe('cloud-provider-kind');
    expect(object.status).toEqual({ loadBalancer: {} });
  });

  it('prefers the newest default class and leaves annotated Ingresses alone', () => {
    let tick = 0;
    const f = admissionFixture();
    f.store.now = () => `2030-01-01T00:00:${String(++tick).padStart(2, '0')}Z`;
    f.create('networking.k8s.io/ingressclasses', {
      metadata: {
        name: 'newer',
        annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
      },
      spec: { controller: 'example.com/ingress' },
    });
    const chosen = f.create(
      'networking.k8s.io/ingresses',
      ingress('a', { defaultBackend: backend }),
    ).object;
    expect(chosen.spec.ingressClassName).toBe('newer');
    const annotated = f.create(
      'networking.k8s.io/ingresses',
      ingress('b', { defaultBackend: backend }, { 'kubernetes.io/ingress.class': 'nginx' }),
    );
    expect(annotated.object.spec.ingressClassName).toBeUndefined();
    expect(annotated.warnings).toEqual([
      `annotation "kubernetes.io/ingress.class" is deprecated, please use 'spec.ingressClassName' instead`,
    ]);
  });

  it('words the validation errors as kube-apiserver', () => {
    const f = admissionFixture();
    const refused = (spec: Json, annotations?: Record<string, string>) =>
      rejection(() => f.create('networking.k8s.io/ingresses', ingress('bad', spec, annotations)));
    expect(refused({ rules: [{ http: { paths: [{ path: '/', backend }] } }] })).toBe(
      'Ingress.networking.k8s.io "bad" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    );
    expect(
      refused(
        { ingressClassName: 'cloud-provider-kind', defaultBackend: backend },
        { 'kubernetes.io/ingress.class': 'nginx' },
      ),
    ).toBe(
      'Ingress.networking.k8s.io "bad" is invalid: annotations.kubernetes.io/ingress.class: Invalid value: "nginx": must match `ingressClassName` when both are specified',
    );
    expect(refused({})).toBe(
      'Ingress.networking.k8s.io "bad" is invalid: spec: Invalid value: null: either `defaultBackend` or `rules` must be specified',
    );
    expect(
      refused({
        rules: [
          {
            host: '10.0.0.1',
            http: {
              paths: [{ path: 'api', pathType: 'Prefix', backend: { service: { name: 'echo' } } }],
            },
          },
        ],
      }),
    ).toBe(
      'Ingress.networking.k8s.io "bad" is invalid: [spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address, spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path, spec.rules[0].http.paths[0].backend: Required value: port name or number is required]',
    );
    expect(
      refused({
        tls: [{ hosts: ['Shop.example.com'], secretName: 'tls' }],
        defaultBackend: backend,
      }),
    ).toContain(
      'spec.tls[0].hosts[0]: Invalid value: "Shop.example.com": a lowercase RFC 1123 subdomain',
    );
  });

  it('needs IngressClass controllers to be domain-prefixed paths, and keeps them', () => {
    const f = admissionFixture();
    expect(
      rejection(() =>
        f.create('networking.k8s.io/ingressclasses', { metadata: { name: 'x' }, spec: {} }),
      ),
    ).toBe('IngressClass.networking.k8s.io "x" is invalid: spec.controller: Required value');
    expect(
      rejection(() =>
        f.create('networking.k8s.io/ingressclasses', {
          metadata: { name: 'x' },
          spec: { controller: 'nginx' },
        }),
      ),
    ).toBe(
      'IngressClass.networking.k8s.io "x" is invalid: spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")',
    );
    const created = f.create('networking.k8s.io/ingressclasses', {
      metadata: { name: 'x' },
      spec: { controller: 'example.com/ingress' },
    }).object;
    expect(
      rejection(() =>
        f.update('networking.k8s.io/ingressclasses', {
          ...created,
          spec: { controller: 'example.com/other' },
        }),
      ),
    ).toBe(
      'IngressClass.networking.k8s.io "x" is invalid: spec.controller: Invalid value: "example.com/other": field is immutable',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { admissionFixture, rejection } from '../../support/admission.ts';

describe('Secret and ConfigMap admission', () => {
  it('defaults the type and folds stringData into base64 data', () => {
    const f = admissionFixture();
    const { object } = f.create('/secrets', {
      metadata: { name: 'creds', namespace: 'default' },
      data: { user: Buffer.from('old').toString('base64') },
      stringData: { user: 'admin', pass: 's3cret' },
    });
    expect(object.type).toBe('Opaque');
    expect(object.stringData).toBeUndefined();
    expect(object.data).toEqual({ user: 'YWRtaW4=', pass: 'czNjcmV0' });
  });

  it('needs tls.crt and tls.key in a kubernetes.io/tls Secret', () => {
    const f = admissionFixture();
    expect(
      rejection(() =>
        f.create('/secrets', {
          metadata: { name: 'tls', namespace: 'default' },
          type: 'kubernetes.io/tls',
        }),
      ),
    ).toBe(
      'Secret "tls" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
  });

  it('keeps the type and immutable data fixed', () => {
    const f = admissionFixture();
    const created = f.create('/secrets', {
      metadata: { name: 'frozen', namespace: 'default' },
      immutable: true,
      stringData: { a: 'b' },
    }).object;
    expect(
      rejection(() =>
        f.update('/secrets', { ...created, type: 'example.com/custom', data: { a: 'Yw==' } }),
      ),
    ).toBe(
      'Secret "frozen" is invalid: [type: Invalid value: "example.com/custom": field is immutable, data: Forbidden: field is immutable when `immutable` is set]',
    );
  });

  it('checks ConfigMap keys', () => {
    const f = admissionFixture();
    expect(
      rejection(() =>
        f.create('/configmaps', {
          metadata: { name: 'cfg', namespace: 'default' },
          data: { 'bad key': 'x' },
        }),
      ),
    ).toBe(
      `ConfigMap "cfg" is invalid: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
  });
});

describe('EndpointSlice, Endpoints and Event validation', () => {
  it('needs an EndpointSlice address type and addresses', () => {
    const f = admissionFixture();
    expect(
      rejection(() =>
        f.create('discovery.k8s.io/endpointslices', {
          metadata: { name: 'echo-abc', namespace: 'default' },
          endpoints: [{ addresses: [] }],
        }),
      ),
    ).toBe(
      'EndpointSlice.discovery.k8s.io "echo-abc" is invalid: [addressType: Required value, endpoints[0].addresses: Required value: must contain at least 1 address]',
    );
    expect(
      rejection(() =>
        f.create('discovery.k8s.io/endpointslices', {
          metadata: { name: 'echo-abc', namespace: 'default' },
          addressType: 'IPv5',
        }),
      ),
    ).toBe(
      'EndpointSlice.discovery.k8s.io "echo-abc" is invalid: addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"',
    );
  });

  it('keeps an old-style Event in the namespace of its object', () => {
    const f = admissionFixture();
    expect(
      rejection(() =>
        f.create('/events', {
          metadata: { name: 'e', namespace: 'default' },
          involvedObject: { kind: 'Pod', name: 'p', namespace: 'kube-system' },
        }),
      ),
    ).toBe(
      'Event "e" is invalid: involvedObject.namespace: Invalid value: "kube-system": does not match event.namespace',
    );
  });
});

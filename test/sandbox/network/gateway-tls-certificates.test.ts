import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../../source/sandbox/api/serving-certificate.ts';
import {
  chooseCertificate,
  chooseFilterChain,
  type LoadedCertificate,
  loadCertificate,
} from '../../../source/sandbox/network/tls-certificates.ts';

// How a gateway's Envoy picks a filter chain and a certificate for a TLS handshake.

describe('loading a certificate', () => {
  it('reads its DNS names and fingerprint, and refuses a key that does not belong to it', async () => {
    const first = await createSelfSignedCertificate('shop', {
      dns: ['shop.example', '*.shop.example'],
    });
    const second = await createSelfSignedCertificate('other', { dns: ['other.example'] });
    const loaded = loadCertificate({ secret: 'ns/a', ...first });
    expect(loaded?.names).toEqual(['shop.example', '*.shop.example']);
    expect(loaded?.fingerprint256).toBe(new X509Certificate(first.certPem).fingerprint256);
    expect(loadCertificate({ secret: 'ns/b', certPem: first.certPem, keyPem: second.keyPem })).toBe(
      undefined,
    );
  });
});

describe('choosing', () => {
  const certificate = (...names: string[]) => ({ names }) as unknown as LoadedCertificate;
  const first = certificate('a.example');
  const wildcard = certificate('*.b.example');
  const exact = certificate('x.b.example');

  it.each([
    ['a.example', first],
    ['x.b.example', exact],
    ['y.b.example', wildcard],
    // The certificate wildcard covers one label; anything else gets the first certificate.
    ['z.y.b.example', first],
    ['unknown.test', first],
    [undefined, first],
  ])('certificate for SNI %s', (serverName, expected) => {
    expect(chooseCertificate([first, wildcard, exact], serverName)).toBe(expected);
  });

  const chains = [
    { serverNames: ['www.example'], id: 'www' },
    { serverNames: ['*.example'], id: 'wild' },
    { serverNames: ['*.api.example'], id: 'api' },
  ];
  it.each([
    ['www.example', 'www'],
    ['shop.example', 'wild'],
    ['v1.api.example', 'api'],
    ['a.b.c.example', 'wild'],
    ['example', undefined],
    [undefined, undefined],
  ])('filter chain for SNI %s → %s', (serverName, id) => {
    expect(chooseFilterChain(chains, serverName)?.id).toBe(id);
  });

  it('falls back to a chain without server names', () => {
    const withDefault = [...chains, { serverNames: [], id: 'default' }];
    expect(chooseFilterChain(withDefault, 'other.test')?.id).toBe('default');
    expect(chooseFilterChain(withDefault, undefined)?.id).toBe('default');
  });
});

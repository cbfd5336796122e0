import { describe, expect, it } from 'vitest';
import {
  forwardedRequestHeaders,
  forwardedResponseHeaders,
  isInternalAddress,
} from '../../../source/sandbox/network/envoy-forwarding-headers.ts';
import { answeredByController } from '../../../source/sandbox/network/envoy-local-replies.ts';

// The headers a gateway's Envoy adds, removes and rewrites.

const noMutation = { set: [], add: [], remove: [] };
const facts = (clientIp: string, scheme: 'http' | 'https' = 'http') => ({
  clientIp,
  scheme,
  timeoutMs: 15_000,
  newRequestId: () => 'generated-id',
});

describe('request headers sent upstream', () => {
  it('adds the forwarding headers for an internal client, keeping its request id', () => {
    const headers = forwardedRequestHeaders(
      [
        'Host',
        'shop.example',
        'X-Request-Id',
        'from-client',
        'Connection',
        'keep-alive, X-Hop',
        'X-Hop',
        '1',
        'X-Envoy-Retry-On',
        '5xx',
      ],
      facts('172.18.0.1', 'https'),
      noMutation,
    );
    expect(headers).toEqual({
      host: 'shop.example',
      'x-request-id': 'from-client',
      'x-envoy-retry-on': '5xx',
      'x-forwarded-for': '172.18.0.1',
      'x-forwarded-proto': 'https',
      'x-envoy-internal': 'true',
      'x-envoy-expected-rq-timeout-ms': '15000',
    });
  });

  it('sanitizes an external client: no x-envoy-* from it, a new request id, its address noted', () => {
    const headers = forwardedRequestHeaders(
      [
        'Host',
        'a',
        'X-Request-Id',
        'spoofed',
        'X-Envoy-Internal',
        'true',
        'X-Forwarded-For',
        '198.51.100.4',
        'X-Forwarded-Proto',
        'https',
      ],
      facts('203.0.113.9'),
      noMutation,
    );
    expect(headers).toEqual({
      host: 'a',
      'x-request-id': 'generated-id',
      'x-forwarded-for': '198.51.100.4,203.0.113.9',
      'x-forwarded-proto': 'http',
      'x-envoy-external-address': '203.0.113.9',
      'x-envoy-expected-rq-timeout-ms': '15000',
    });
  });

  it('applies a RequestHeaderModifier: remove, then set, then add', () => {
    const headers = forwardedRequestHeaders(
      ['Host', 'a', 'X-Env', 'dev', 'X-Debug', 'on', 'X-Trace', 'client'],
      facts('10.244.1.5'),
      {
        set: [{ name: 'X-Env', value: 'prod' }],
        add: [{ name: 'x-trace', value: 'gateway' }],
        remove: ['x-debug'],
      },
    );
    expect(headers['x-env']).toBe('prod');
    expect(headers['x-debug']).toBeUndefined();
    expect(headers['x-trace']).toEqual(['client', 'gateway']);
  });

  it.each([
    ['10.244.1.5', true],
    ['172.18.0.1', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['127.0.0.1', true],
    ['8.8.8.8', false],
  ])('%s is internal: %s', (ip, internal) => {
    expect(isInternalAddress(ip)).toBe(internal);
  });
});

describe('response headers', () => {
  it('lower-cases names and drops hop-by-hop ones', () => {
    expect(
      forwardedResponseHeaders([
        'Content-Type',
        'text/plain',
        'Connection',
        'close',
        'Set-Cookie',
        'a=1',
        'Set-Cookie',
        'b=2',
      ]),
    ).toEqual({ 'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'] });
  });

  it.each([
    [{ server: 'envoy', 'content-length': '0' }, true],
    [{ server: 'envoy', 'x-envoy-upstream-service-time': '1' }, false],
    [{ Server: 'envoy' }, true],
    [{}, false],
    [new Headers({ server: 'envoy' }), true],
    [new Headers({ server: 'nginx' }), false],
  ])('answered by the controller: %j → %s', (headers, expected) => {
    expect(answeredByController({ headers })).toBe(expected);
  });
});

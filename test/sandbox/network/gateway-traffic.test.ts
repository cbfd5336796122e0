import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../source/sandbox/api/kube-object.ts';
import { createSelfSignedCertificate } from '../../../source/sandbox/api/serving-certificate.ts';
import { answeredByController } from '../../../source/sandbox/network/envoy-local-replies.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';
import { type GatewayRequest, replyOf, throughGateway } from '../../support/through-gateway.ts';
import { tlsSecretYaml } from '../../support/tls-secret.ts';
import { agnhostDeploymentYaml } from '../../support/workloads.ts';

// cloud-provider-kind's Gateway API data path over the sandbox's fabric: a Gateway's Envoy on
// its listeners' ports, HTTPRoutes attached by section and hostname, weighted backends, header
// matches, a RequestHeaderModifier, TLS from the listener's Secret, and Envoy's own answers.
let harness: SandboxHarness;
let certificate: { certPem: string; keyPem: string };

beforeAll(async () => {
  harness = await startHarness();
  certificate = await createSelfSignedCertificate('secure.example', { dns: ['secure.example'] });
  const applied = await harness.kubectl(['apply', '-f', '-'], manifests(certificate));
  expect(applied.stderr).toBe('');
  for (const name of ['stable', 'canary']) {
    const rollout = await harness.kubectl(['rollout', 'status', `deployment/${name}`]);
    expect(rollout.exitCode).toBe(0);
  }
  await eventually(() => gatewayAddress(), 10_000, 'the Gateway’s address');
}, 60_000);
afterAll(async () => {
  await harness.stop();
});

const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.53';

function app(name: string, replicas: number): string {
  return `
${agnhostDeploymentYaml({ name, replicas, image: agnhost, namedPort: true })}---
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  selector: {app: ${name}}
  ports: [{port: 80, targetPort: http}]
`;
}

function httpRoute(name: string, spec: string): string {
  return `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}}
spec:
${spec}
`;
}

const manifests = (tls: { certPem: string; keyPem: string }) =>
  [
    app('stable', 2),
    app('canary', 1),
    `
${tlsSecretYaml({ name: 'gw-tls' }, tls)}---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: web}
spec:
  gatewayClassName: cloud-provider-kind
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - name: https
    port: 443
    protocol: HTTPS
    hostname: secure.example
    tls: {mode: Terminate, certificateRefs: [{name: gw-tls}]}
  - {name: admin, port: 8080, protocol: HTTP}
`,
    httpRoute(
      'split',
      `  parentRefs: [{name: web, sectionName: http}]
  hostnames: [split.example]
  rules:
  - backendRefs: [{name: stable, port: 80, weight: 90}, {name: canary, port: 80, weight: 10}]`,
    ),
    httpRoute(
      'versions',
      `  parentRefs: [{name: web, sectionName: http}]
  hostnames: [headers.example]
  rules:
  - matches: [{headers: [{name: X-Version, value: v2}]}]
    filters:
    - type: RequestHeaderModifier
      requestHeaderModifier:
        set: [{name: X-Route, value: canary}]
        remove: [X-Debug]
    backendRefs: [{name: canary, port: 80}]
  - backendRefs: [{name: stable, port: 80}]`,
    ),
    httpRoute(
      'missing',
      `  parentRefs: [{name: web, sectionName: http}]
  hostnames: [missing.example]
  rules:
  - backendRefs: [{name: ghost, port: 80}]`,
    ),
    httpRoute(
      'secure',
      `  parentRefs: [{name: web, sectionName: https}]
  rules:
  - backendRefs: [{name: stable, port: 80}]`,
    ),
    httpRoute(
      'admin',
      `  parentRefs: [{name: web, sectionName: admin}]
  rules:
  - backendRefs: [{name: canary, port: 80}]`,
    ),
  ].join('\n---\n');

function gatewayAddress(): string | undefined {
  const gateway = harness.sandbox.store.peek(
    'gateway.networking.k8s.io/gateways',
    'default',
    'web',
  );
  return ((gateway?.status?.addresses ?? []) as Json[])[0]?.value;
}

async function get(request: Omit<GatewayRequest, 'address'>) {
  return throughGateway(harness.sandbox.dataPlane, { address: gatewayAddress()!, ...request });
}

describe('weighted backendRefs', () => {
  it('splits 200 requests about 90/10, reaching every pod', async () => {
    const tally = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const reply = replyOf(await get({ host: 'split.example', path: '/hostname' }));
      expect(reply.status).toBe(200);
      tally.set(reply.body, (tally.get(reply.body) ?? 0) + 1);
    }
    const count = (prefix: string) =>
      [...tally].filter(([pod]) => pod.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);
    // Binomial(200, 0.1): 20 expected; this band is more than six standard deviations wide.
    expect(count('canary-')).toBeGreaterThanOrEqual(4);
    expect(count('canary-')).toBeLessThanOrEqual(45);
    expect(count('stable-') + count('canary-')).toBe(200);
    expect([...tally.keys()].filter((pod) => pod.startsWith('stable-'))).toHaveLength(2);
  });
});

describe('header matches and filters', () => {
  it('sends X-Version: v2 to the canary, with the route’s request headers', async () => {
    const reply = replyOf(
      await get({ host: 'headers.example', path: '/hostname', headers: { 'X-Version': 'v2' } }),
    );
    expect(reply.body.startsWith('canary-')).toBe(true);
    const headers = JSON.parse(
      replyOf(
        await get({
          host: 'headers.example',
          path: '/header',
          headers: { 'X-Version': 'v2', 'X-Debug': 'on' },
        }),
      ).body,
    ) as Record<string, string[]>;
    expect(headers['X-Route']).toEqual(['canary']);
    expect(headers['X-Debug']).toBeUndefined();
  });

  it.each<Record<string, string>>([{}, { 'X-Version': 'v1' }])(
    'sends %j to stable',
    async (headers) => {
      const reply = replyOf(await get({ host: 'headers.example', path: '/hostname', headers }));
      expect(reply.body.startsWith('stable-')).toBe(true);
    },
  );
});

describe('Envoy’s own answers', () => {
  it('500 for a backendRef to a Service that does not exist', async () => {
    const reply = replyOf(await get({ host: 'missing.example', path: '/' }));
    expect(reply.status).toBe(500);
    expect(answeredByController(reply)).toBe(true);
  });

  it('404 for a host no route claims', async () => {
    const reply = replyOf(await get({ host: 'nobody.example', path: '/' }));
    expect(reply.status).toBe(404);
    expect(reply.body).toBe('');
    expect(answeredByController(reply)).toBe(true);
  });
});

describe('listeners', () => {
  it('serves HTTPS with the listener’s certificate, only for its hostname', async () => {
    const result = await get({
      host: 'secure.example',
      path: '/hostname',
      tls: { serverName: 'secure.example' },
    });
    expect(result.outcome === 'reply' && result.peerCertificate?.fingerprint256).toBe(
      new X509Certificate(certificate.certPem).fingerprint256,
    );
    expect(replyOf(result).body.startsWith('stable-')).toBe(true);
    const otherName = await get({
      host: 'other.example',
      path: '/',
      tls: { serverName: 'other.example' },
    });
    expect(otherName.outcome).toBe('tls failure');
  });

  it('keeps a route to the section it names', async () => {
    const plain = replyOf(await get({ host: 'secure.example', path: '/hostname' }));
    expect(plain.status).toBe(404);
    const admin = replyOf(await get({ port: 8080, host: 'anything', path: '/hostname' }));
    expect(admin.body.startsWith('canary-')).toBe(true);
  });

  it('refuses a port no listener has', async () => {
    expect((await get({ port: 9000, host: 'x', path: '/' })).outcome).toBe('refused');
  });
});

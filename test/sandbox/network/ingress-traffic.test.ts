import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../../source/sandbox/api/serving-certificate.ts';
import type { ServedRequest } from '../../../source/sandbox/network/agnhost-server.ts';
import {
  answeredByController,
  localReplies,
} from '../../../source/sandbox/network/envoy-local-replies.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';
import { hostIP, replyOf, throughGateway } from '../../support/through-gateway.ts';
import { tlsSecretYaml } from '../../support/tls-secret.ts';
import { agnhostDeploymentYaml } from '../../support/workloads.ts';

// cloud-provider-kind's Ingress data path over the sandbox's fabric: each namespace's ingress
// gateway routes by host and path to Services (through kube-proxy to agnhost pods), answers
// 404/500/503 itself as Envoy does, and terminates TLS with the Ingress's Secret.
let harness: SandboxHarness;
const served: ServedRequest[] = [];
let firstCertificate: { certPem: string; keyPem: string };

beforeAll(async () => {
  harness = await startHarness();
  harness.sandbox.clusterNetwork.onPodRequest((request) => served.push(request));
  firstCertificate = await createSelfSignedCertificate('secure.example', {
    dns: ['secure.example'],
  });
  const applied = await harness.kubectl(
    ['apply', '-f', '-'],
    [manifests, tlsSecretYaml({ name: 'secure-tls' }, firstCertificate)].join('\n---\n'),
  );
  expect(applied.stderr).toBe('');
  for (const name of ['apple', 'banana', 'cherry']) {
    const rollout = await harness.kubectl(['rollout', 'status', `deployment/${name}`]);
    expect(rollout.exitCode).toBe(0);
  }
  await eventually(() => ingressAddress('default', 'fruit'), 10_000, 'the ingress address');
  await eventually(() => ingressAddress('shop', 'shop-front'), 10_000, 'the shop address');
}, 60_000);
afterAll(async () => {
  await harness.stop();
});

const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.53';

function deployment(name: string, replicas: number, namespace = 'default'): string {
  return `
${agnhostDeploymentYaml({ name, namespace, replicas, image: agnhost, namedPort: true })}---
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  selector: {app: ${name}}
  ports: [{name: web, port: 80, targetPort: http}]
`;
}

function rule(host: string, service: string, path = '/', pathType = 'Prefix'): string {
  return `
  - host: "${host}"
    http:
      paths:
      - {path: ${path}, pathType: ${pathType}, backend: {service: {name: ${service}, port: {number: 80}}}}`;
}

const manifests = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
${deployment('apple', 2)}
---
${deployment('banana', 1)}
---
${deployment('cherry', 1)}
---
${deployment('empty', 0)}
---
${deployment('shop', 1, 'shop')}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: fruit}
spec:
  ingressClassName: cloud-provider-kind
  defaultBackend: {service: {name: cherry, port: {name: web}}}
  tls:
  - hosts: [secure.example]
    secretName: secure-tls
  rules:${rule('apple.example', 'apple')}${rule('banana.example', 'banana')}${rule('*.wild.example', 'banana')}${rule('empty.example', 'empty')}${rule('ghost.example', 'ghost')}${rule('secure.example', 'apple')}
  - host: paths.example
    http:
      paths:
      - {path: /host, pathType: Prefix, backend: {service: {name: apple, port: {number: 80}}}}
      - {path: /hostname, pathType: Exact, backend: {service: {name: banana, port: {number: 80}}}}
---
apiVersion: v1
kind: Service
metadata: {name: apple-headless}
spec:
  clusterIP: None
  selector: {app: apple}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: nobody-headless}
spec:
  clusterIP: None
  selector: {app: nobody}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: more}
spec:
  rules:${rule('apple.example', 'banana', '/clientip', 'Exact')}${rule('extra.example', 'cherry')}${rule('headless.example', 'apple-headless')}${rule('nobody.example', 'nobody-headless')}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop-front, namespace: shop}
spec:
  ingressClassName: cloud-provider-kind
  rules:${rule('shop.example', 'shop')}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: legacy, namespace: shop}
spec:
  ingressClassName: nginx
  rules:${rule('nginx.example', 'shop')}
`;

function ingressAddress(namespace: string, name: string): string | undefined {
  return harness.sandbox.store.peek('networking.k8s.io/ingresses', namespace, name)?.status
    ?.loadBalancer?.ingress?.[0]?.ip;
}

/** GET through the default namespace's ingress gateway, with the pod that answered. */
async function get(
  host: string,
  path: string,
  options: { tls?: boolean; headers?: Record<string, string> } = {},
) {
  const before = served.length;
  const result = await throughGateway(harness.sandbox.dataPlane, {
    address: ingressAddress('default', 'fruit')!,
    host,
    path,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.tls ? { tls: { serverName: host } } : {}),
  });
  const reply = replyOf(result);
  const pod = served.slice(before).find((request) => request.path === path.split('?')[0])?.pod.name;
  return { ...reply, pod, result };
}

describe('routing by host', () => {
  it.each([
    ['apple.example', 'apple-'],
    ['banana.example', 'banana-'],
    ['apple.example:80', 'apple-'],
    ['APPLE.example', 'apple-'],
    ['a.wild.example', 'banana-'],
    // cloud-provider-kind follows Gateway API here: a wildcard covers any depth.
    ['a.b.wild.example', 'banana-'],
    ['wild.example', 'cherry-'],
    ['unknown.example', 'cherry-'],
    ['extra.example', 'cherry-'],
  ])('%s is answered by a %s pod', async (host, podPrefix) => {
    const reply = await get(host, '/hostname');
    expect(reply.status).toBe(200);
    expect(reply.body.startsWith(podPrefix)).toBe(true);
    expect(reply.pod).toBe(reply.body);
    expect(answeredByController(reply)).toBe(false);
    expect(reply.headers.server).toBe('envoy');
    expect(reply.headers['x-envoy-upstream-service-time']).toMatch(/^\d+$/);
  });

  it('reaches every pod of a Service, through kube-proxy', async () => {
    const pods = new Set<string>();
    for (let i = 0; i < 40 && pods.size < 2; i++)
      pods.add((await get('apple.example', '/hostname')).body);
    expect(pods.size).toBe(2);
  });

  it('round-robins over a headless Service’s ready pods, reached directly', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await get('headless.example', '/hostname')).body);
    expect(new Set(answers).size).toBe(2);
    expect(answers[0]).toBe(answers[2]);
    expect(answers[1]).toBe(answers[3]);
    expect(answers.every((pod) => pod.startsWith('apple-'))).toBe(true);
  });

  it('merges the rules of several Ingresses of the class for one host', async () => {
    const exact = await get('apple.example', '/clientip');
    expect(exact.pod?.startsWith('banana-')).toBe(true);
    const gatewayAddress = ingressAddress('default', 'fruit')!;
    // The pod sees the gateway's proxy as its client, never the host.
    expect(exact.body.startsWith(`${hostIP}:`)).toBe(false);
    expect(exact.body).toMatch(/^172\.18\.0\.\d+:\d+$/);
    expect(gatewayAddress).toMatch(/^172\.18\.0\.\d+$/);
  });
});

describe('routing by path', () => {
  it.each([
    ['/hostname', 'banana-'],
    ['/hostname?verbose=1', 'banana-'],
    ['/host', 'apple-'],
    ['/host/', 'apple-'],
    ['/host/anything', 'apple-'],
  ])('%s on paths.example reaches a %s pod', async (path, podPrefix) => {
    const reply = await get('paths.example', path);
    expect(reply.status).toBe(200);
    expect(reply.pod?.startsWith(podPrefix)).toBe(true);
  });

  it.each(['/hostx', '/hostname/', '/'])(
    '%s on paths.example is a 404 from the controller',
    async (path) => {
      const reply = await get('paths.example', path);
      expect(reply.status).toBe(404);
      expect(reply.body).toBe('');
      expect(reply.pod).toBeUndefined();
      expect(reply.headers['content-length']).toBe('0');
      expect(answeredByController(reply)).toBe(true);
    },
  );
});

describe('failures, in Envoy’s words', () => {
  it('503 when the backend Service has no endpoints (scaled to zero)', async () => {
    const reply = await get('empty.example', '/hostname');
    expect(reply.status).toBe(503);
    expect(reply.body).toBe(localReplies.connectionRefused.body);
    expect(reply.headers['content-type']).toBe('text/plain');
    expect(answeredByController(reply)).toBe(true);
  });

  it('500 when the backend Service does not exist', async () => {
    const reply = await get('ghost.example', '/hostname');
    expect(reply.status).toBe(500);
    expect(reply.body).toBe('');
    expect(answeredByController(reply)).toBe(true);
  });

  it('503 no healthy upstream for a headless Service without ready endpoints', async () => {
    const reply = await get('nobody.example', '/hostname');
    expect(reply.status).toBe(503);
    expect(reply.body).toBe('no healthy upstream');
    expect(answeredByController(reply)).toBe(true);
  });

  it('a scaled-up backend answers again', async () => {
    const scaled = await harness.kubectl(['scale', 'deployment/empty', '--replicas=1']);
    expect(scaled.exitCode).toBe(0);
    const reply = await eventually(
      async () => {
        const attempt = await get('empty.example', '/hostname');
        return attempt.status === 200 && attempt;
      },
      15_000,
      'the scaled-up backend',
    );
    expect(reply.body.startsWith('empty-')).toBe(true);
    await harness.kubectl(['scale', 'deployment/empty', '--replicas=0']);
  });
});

describe('forwarding headers', () => {
  it('adds what Envoy adds for an internal client', async () => {
    const reply = await get('banana.example', '/header');
    const headers = JSON.parse(reply.body) as Record<string, string[]>;
    expect(headers['X-Forwarded-For']).toEqual([hostIP]);
    expect(headers['X-Forwarded-Proto']).toEqual(['http']);
    expect(headers['X-Envoy-Internal']).toEqual(['true']);
    expect(headers['X-Envoy-Expected-Rq-Timeout-Ms']).toEqual(['15000']);
    expect(headers['X-Request-Id']?.[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['User-Agent']).toEqual(['curl/8.5.0']);
  });

  it('appends the client to an X-Forwarded-For it already carries', async () => {
    const reply = await get('banana.example', '/header?key=X-Forwarded-For', {
      headers: { 'X-Forwarded-For': '203.0.113.7' },
    });
    expect(reply.body).toBe(`203.0.113.7,${hostIP}`);
  });
});

describe('TLS', () => {
  it('terminates TLS with the certificate of the Ingress’s Secret', async () => {
    const reply = await get('secure.example', '/hostname', { tls: true });
    expect(reply.status).toBe(200);
    expect(reply.body.startsWith('apple-')).toBe(true);
    const peer = reply.result.outcome === 'reply' ? reply.result.peerCertificate : undefined;
    expect(peer?.fingerprint256).toBe(new X509Certificate(firstCertificate.certPem).fingerprint256);
    const proto = await get('secure.example', '/header?key=X-Forwarded-Proto', { tls: true });
    expect(proto.body).toBe('https');
  });

  it('serves the first certificate to an unknown server name, and routes by Host', async () => {
    const reply = await get('apple.example', '/hostname', { tls: true });
    expect(reply.body.startsWith('apple-')).toBe(true);
    const peer = reply.result.outcome === 'reply' ? reply.result.peerCertificate : undefined;
    expect(peer?.fingerprint256).toBe(new X509Certificate(firstCertificate.certPem).fingerprint256);
  });

  it('serves the new certificate once the Secret changes', async () => {
    const next = await createSelfSignedCertificate('secure.example', { dns: ['secure.example'] });
    const applied = await harness.kubectl(
      ['apply', '-f', '-'],
      tlsSecretYaml({ name: 'secure-tls' }, next),
    );
    expect(applied.exitCode).toBe(0);
    const reply = await get('secure.example', '/hostname', { tls: true });
    const peer = reply.result.outcome === 'reply' ? reply.result.peerCertificate : undefined;
    expect(peer?.fingerprint256).toBe(new X509Certificate(next.certPem).fingerprint256);
  });
});

describe('one gateway per namespace, and only for its class', () => {
  it('gives another namespace its own gateway', async () => {
    const shop = ingressAddress('shop', 'shop-front')!;
    expect(shop).not.toBe(ingressAddress('default', 'fruit'));
    const reply = replyOf(
      await throughGateway(harness.sandbox.dataPlane, {
        address: shop,
        host: 'shop.example',
        path: '/hostname',
      }),
    );
    expect(reply.body.startsWith('shop-')).toBe(true);
  });

  it('ignores an Ingress of another class: its host is a 404 from the controller', async () => {
    expect(ingressAddress('shop', 'legacy')).toBeUndefined();
    const reply = replyOf(
      await throughGateway(harness.sandbox.dataPlane, {
        address: ingressAddress('shop', 'shop-front')!,
        host: 'nginx.example',
        path: '/hostname',
      }),
    );
    expect(reply.status).toBe(404);
    expect(answeredByController(reply)).toBe(true);
  });

  it('listens on 443 only where an Ingress configures TLS', async () => {
    const result = await throughGateway(harness.sandbox.dataPlane, {
      address: ingressAddress('shop', 'shop-front')!,
      host: 'shop.example',
      path: '/',
      tls: { serverName: 'shop.example' },
    });
    expect(result.outcome).toBe('refused');
  });
});

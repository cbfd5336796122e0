import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../../source/sandbox/api/serving-certificate.ts';
import type { HostEndpoint } from '../../../source/sandbox/network/host-port-plan.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';
import { tlsSecretYaml } from '../../support/tls-secret.ts';
import { agnhostDeploymentYaml, ingressYaml, serviceYaml } from '../../support/workloads.ts';

// The real curl binary against the loopback addresses of an Ingress (HTTP and HTTPS, the
// Secret's certificate) and a Gateway, answered by agnhost pods behind a ClusterIP Service.
let harness: SandboxHarness;
let pods: string[];
const dir = mkdtempSync(join(tmpdir(), 'expose-tutor-host-ingress-'));
const caFile = join(dir, 'secure.example.pem');

const manifest = (certificate: { certPem: string; keyPem: string }) => `
${agnhostDeploymentYaml({ namespace: 'default' })}---
${serviceYaml({ namespace: 'default' })}---
${tlsSecretYaml({ name: 'secure-tls', namespace: 'default' }, certificate)}---
${ingressYaml({
  name: 'web',
  namespace: 'default',
  hosts: ['echo.example', 'secure.example'],
  tls: { hosts: ['secure.example'], secretName: 'secure-tls' },
})}---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: default}
spec:
  gatewayClassName: cloud-provider-kind
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: echo, namespace: default}
spec:
  parentRefs: [{name: gw}]
  hostnames: [gw.example]
  rules: [{backendRefs: [{name: echo, port: 80}]}]
`;

beforeAll(async () => {
  harness = await startHarness({ controllerOptions: { pace: 0.2 } });
  const certificate = await createSelfSignedCertificate('secure.example', {
    dns: ['secure.example'],
  });
  writeFileSync(caFile, certificate.certPem);
  const applied = await harness.kubectl(['apply', '-f', '-'], manifest(certificate));
  expect(applied.stderr).toBe('');
  const rollout = await harness.kubectl(['rollout', 'status', 'deployment/echo']);
  expect(rollout.exitCode).toBe(0);
  const listed = await harness.kubectl(['get', 'pods', '-l', 'app=echo', '-o', 'name']);
  pods = listed.stdout.split('\n').map((name) => name.replace('pod/', ''));
  await eventually(
    () => endpoint('Ingress', '443') && endpoint('Gateway', '80'),
    20_000,
    'the Ingress and Gateway addresses on this machine',
  );
}, 60_000);

afterAll(async () => {
  await harness.stop();
  rmSync(dir, { recursive: true, force: true });
});

function endpoint(kind: HostEndpoint['kind'], port: string): HostEndpoint | undefined {
  return harness.sandbox.dataPlane
    .hostEndpoints()
    .find((e) => e.kind === kind && e.virtual.endsWith(`:${port}`));
}

function curl(args: string[]) {
  return execa('curl', ['--noproxy', '*', '--silent', '--show-error', '--max-time', '5', ...args], {
    reject: false,
    timeout: 30_000,
  });
}

describe('an Ingress from this machine', () => {
  it('publishes the address it is reached at, on 80 and (with TLS) 443', () => {
    const address = harness.sandbox.store.peek('networking.k8s.io/ingresses', 'default', 'web')
      ?.status?.loadBalancer.ingress[0].ip;
    expect(endpoint('Ingress', '80')?.virtual).toBe(`${address}:80`);
    expect(endpoint('Ingress', '443')?.virtual).toBe(`${address}:443`);
  });

  it('routes a real curl by its Host header to a pod', async () => {
    const { host } = endpoint('Ingress', '80')!;
    const result = await curl(['--header', 'Host: echo.example', `http://${host}/hostname`]);
    expect(result.stderr).toBe('');
    expect(pods).toContain(result.stdout);
  });

  it('answers 404 itself for a host no rule names', async () => {
    const { host } = endpoint('Ingress', '80')!;
    const result = await curl([
      '--output',
      '/dev/null',
      '--write-out',
      '%{http_code}',
      '--header',
      'Host: nobody.example',
      `http://${host}/`,
    ]);
    expect(result.stdout).toBe('404');
  });

  it("terminates TLS with the Secret's certificate, which curl verifies", async () => {
    const [ip, port] = endpoint('Ingress', '443')!.host.split(':');
    const result = await curl([
      '--cacert',
      caFile,
      '--resolve',
      `secure.example:${port}:${ip}`,
      `https://secure.example:${port}/hostname`,
    ]);
    expect(result.stderr).toBe('');
    expect(pods).toContain(result.stdout);
  });
});

describe('a Gateway from this machine', () => {
  it("routes a real curl by the HTTPRoute's hostname to a pod", async () => {
    const { host } = endpoint('Gateway', '80')!;
    const result = await curl(['--header', 'Host: gw.example', `http://${host}/hostname`]);
    expect(result.stderr).toBe('');
    expect(pods).toContain(result.stdout);
  });
});

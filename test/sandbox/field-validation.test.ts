import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlBinary, type SandboxHarness, startHarness } from '../support/sandbox.ts';

let harness: SandboxHarness;
let dir: string;

beforeAll(async () => {
  harness = await startHarness({ controllers: false });
  dir = mkdtempSync(join(tmpdir(), 'field-validation-'));
});
afterAll(async () => {
  await harness.stop();
  rmSync(dir, { recursive: true, force: true });
});

function manifest(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const service = (name: string, clusterIPField: string, ip: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  ${clusterIPField}: ${ip}
  selector:
    app: echo
  ports:
  - name: http
    port: 80
    targetPort: 8080
`;

const builtIns = (suffix: string, ip: string) => `${service(`echo-${suffix}`, 'clusterIP', ip)}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: echo-${suffix}
spec:
  replicas: 2
  selector:
    matchLabels: {app: echo}
  template:
    metadata:
      labels: {app: echo}
    spec:
      containers:
      - name: agnhost
        image: registry.k8s.io/e2e-test-images/agnhost:2.66.1
        args: ["netexec", "--http-port=8080"]
        ports:
        - {name: http, containerPort: 8080}
        readinessProbe:
          httpGet: {path: /readyz, port: http}
        resources:
          requests: {cpu: 100m, memory: 64Mi}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: echo-${suffix}
spec:
  ingressClassName: cloud-provider-kind
  rules:
  - host: ${suffix}.example
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: echo-${suffix}
            port: {number: 80}
`;

const gatewayApi = (suffix: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw-${suffix}
spec:
  gatewayClassName: cloud-provider-kind
  listeners:
  - name: http
    port: 80
    protocol: HTTP
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: echo-${suffix}
spec:
  parentRefs:
  - name: gw-${suffix}
  hostnames: ["${suffix}.example"]
  rules:
  - matches:
    - path: {type: PathPrefix, value: /}
    backendRefs:
    - name: echo-${suffix}
      port: 80
`;

const workloads = (suffix: string, ip: string) =>
  `${builtIns(suffix, ip)}---\n${gatewayApi(suffix)}`;

const createdLines = (suffix: string, verb: string) => [
  `service/echo-${suffix} ${verb}`,
  `deployment.apps/echo-${suffix} ${verb}`,
  `ingress.networking.k8s.io/echo-${suffix} ${verb}`,
  `gateway.gateway.networking.k8s.io/gw-${suffix} ${verb}`,
  `httproute.gateway.networking.k8s.io/echo-${suffix} ${verb}`,
];

function strictDecodingError(path: string, field: string): string {
  return `Error from server (BadRequest): error when creating "${path}": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "${field}"`;
}

describe('kubectl (1.33 unless KUBECTL_VERSION says otherwise) with server-side field validation', () => {
  it('creates valid manifests without --validate=false, asking the server to validate strictly', async () => {
    harness.sandbox.audit.clear();
    const result = await harness.kubectl([
      'create',
      '-f',
      manifest('create.yaml', workloads('create', '10.96.20.1')),
    ]);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual(createdLines('create', 'created'));
    const writes = harness.sandbox.audit.all().filter((entry) => entry.method === 'POST');
    expect(writes).toHaveLength(5);
    for (const entry of writes) expect(entry.query).toContain('fieldValidation=Strict');
    const paths = harness.sandbox.audit.all().map((entry) => entry.path);
    expect(paths).toContain('/openapi/v3');
    // Only kubectl 1.27 and 1.28 still download /openapi/v2 before validating.
    if (!/kubectl\.1\.2[78]$/.test(kubectlBinary)) expect(paths).not.toContain('/openapi/v2');
  });

  it('applies valid manifests, and re-applying the built-in kinds changes nothing', async () => {
    const first = await harness.kubectl([
      'apply',
      '-f',
      manifest('apply.yaml', workloads('apply', '10.96.20.2')),
    ]);
    expect(first.stderr).toBe('');
    expect(first.stdout.split('\n')).toEqual(createdLines('apply', 'created'));
    // kubectl computes the strategic merge patch from the v3 patch metadata: nothing to send.
    const again = await harness.kubectl([
      'apply',
      '-f',
      manifest('reapply.yaml', builtIns('apply', '10.96.20.2')),
    ]);
    expect(again.stderr).toBe('');
    expect(again.stdout.split('\n')).toEqual(createdLines('apply', 'unchanged').slice(0, 3));
  });

  it('refuses a mis-cased field with the real server error, and creates nothing', async () => {
    const path = manifest('typo.yaml', service('typo', 'clusterIp', '10.96.20.3'));
    for (const verb of ['create', 'apply']) {
      const result = await harness.kubectl([verb, '-f', path]);
      expect(result.exitCode).toBe(1);
      expect(result.stderr).toBe(strictDecodingError(path, 'spec.clusterIp'));
    }
    expect(harness.sandbox.store.get('/services', 'default', 'typo')).toBeUndefined();
  });

  it('creates it with --validate=warn, printing the warning and dropping the field', async () => {
    const path = manifest('warn.yaml', service('warned', 'clusterIp', '10.96.20.4'));
    const result = await harness.kubectl(['create', '-f', path, '--validate=warn']);
    expect(result.stderr).toBe('Warning: unknown field "spec.clusterIp"');
    expect(result.stdout).toBe('service/warned created');
    const stored = harness.sandbox.store.get('/services', 'default', 'warned');
    expect(stored?.spec).not.toHaveProperty('clusterIp');
  });

  it('creates it silently with --validate=false', async () => {
    const path = manifest('ignore.yaml', service('ignored', 'clusterIp', '10.96.20.5'));
    const result = await harness.kubectl(['create', '-f', path, '--validate=false']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('service/ignored created');
  });

  it('refuses a string where the port number belongs, in the decoder’s words', async () => {
    const path = manifest(
      'port.yaml',
      service('quoted', 'clusterIP', '10.96.20.6').replace('port: 80', 'port: "80"'),
    );
    const result = await harness.kubectl(['create', '-f', path]);
    expect(result.stderr).toBe(
      `Error from server (BadRequest): error when creating "${path}": Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32`,
    );
  });

  it('refuses an unknown field in a Gateway API route the way a CRD prunes it', async () => {
    const path = manifest(
      'route.yaml',
      `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: typo
spec:
  parentRefs:
  - name: gw
  rules:
  - backendRefs:
    - name: echo
      port: 80
      wieght: 2
`,
    );
    const result = await harness.kubectl(['create', '-f', path]);
    expect(result.stderr).toBe(
      `Error from server (BadRequest): error when creating "${path}": HTTPRoute in version "v1" cannot be handled as a HTTPRoute: strict decoding error: unknown field "spec.rules[0].backendRefs[0].wieght"`,
    );
  });

  it('serves kubectl explain from the OpenAPI v3 documents', async () => {
    const result = await harness.kubectl(['explain', 'service.spec.ports']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('FIELD: ports <[]ServicePort>');
    expect(result.stdout).toMatch(/^ {2}targetPort\t<IntOrString>$/m);
  });
});

describe('kubectl 1.27 with server-side field validation', () => {
  const version = '1.27';

  it('is really kubectl 1.27', async () => {
    const result = await harness.kubectl(['version', '--client', '-o', 'json'], undefined, version);
    expect(JSON.parse(result.stdout).clientVersion).toMatchObject({ major: '1', minor: '27' });
  });

  it('creates and applies valid manifests without --validate=false', async () => {
    const created = await harness.kubectl(
      ['create', '-f', manifest('create-127.yaml', workloads('old', '10.96.20.7'))],
      undefined,
      version,
    );
    expect(created.stderr).toBe('');
    expect(created.stdout.split('\n')).toEqual(createdLines('old', 'created'));
    const applied = await harness.kubectl(
      ['apply', '-f', manifest('apply-127.yaml', workloads('older', '10.96.20.8'))],
      undefined,
      version,
    );
    expect(applied.stderr).toBe('');
    expect(applied.stdout.split('\n')).toEqual(createdLines('older', 'created'));
  });

  it('gets the same strict decoding error and the same warning', async () => {
    const path = manifest('typo-127.yaml', service('typo-127', 'clusterIp', '10.96.20.9'));
    const refused = await harness.kubectl(['create', '-f', path], undefined, version);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toBe(strictDecodingError(path, 'spec.clusterIp'));
    const warned = await harness.kubectl(
      ['create', '-f', path, '--validate=warn'],
      undefined,
      version,
    );
    expect(warned.stderr).toBe('Warning: unknown field "spec.clusterIp"');
    expect(warned.stdout).toBe('service/typo-127 created');
  });
});

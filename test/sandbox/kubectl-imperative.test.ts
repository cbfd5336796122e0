import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../source/sandbox/api/kube-object.ts';
import { eventually, type SandboxHarness, startHarness } from '../support/sandbox.ts';

// The imperative commands learners type. kubectl 1.32 and later send `create …` bodies as
// Kubernetes protobuf (`expose` and `run` still send JSON); kubectl 1.27 sends JSON for all.
const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.66.1';

let harness: SandboxHarness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
});

async function run(args: string[], version?: string): Promise<string> {
  const result = await harness.kubectl(args, undefined, version);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return result.stdout;
}

async function stored(resource: string, name: string, namespace = 'default'): Promise<Json> {
  return JSON.parse(
    await run(['get', resource, name, '-n', namespace, '-o', 'json', '--show-managed-fields']),
  );
}

describe('kubectl 1.33 imperative commands', () => {
  it('sends create bodies as protobuf', async () => {
    const result = await harness.kubectl(['create', 'namespace', 'wire-check', '-v=8']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('Content-Type: application/vnd.kubernetes.protobuf');
    expect(result.stdout).toBe('namespace/wire-check created');
  });

  it('creates a Deployment whose pods become ready', async () => {
    const created = await run([
      'create',
      'deployment',
      'echo',
      `--image=${agnhost}`,
      '--replicas=3',
      '--',
      '/agnhost',
      'netexec',
      '--http-port=8080',
    ]);
    expect(created).toBe('deployment.apps/echo created');
    const deployment = await stored('deployment', 'echo');
    expect(deployment.metadata.labels).toEqual({ app: 'echo' });
    expect(deployment.metadata.managedFields).toContainEqual(
      expect.objectContaining({ manager: 'kubectl-create', operation: 'Update' }),
    );
    expect(deployment.spec).toMatchObject({
      replicas: 3,
      selector: { matchLabels: { app: 'echo' } },
      strategy: { type: 'RollingUpdate' },
    });
    expect(deployment.spec.template.metadata.labels).toEqual({ app: 'echo' });
    expect(deployment.spec.template.spec.containers).toEqual([
      expect.objectContaining({
        name: 'agnhost',
        image: agnhost,
        command: ['/agnhost', 'netexec', '--http-port=8080'],
        resources: {},
      }),
    ]);
    await eventually(
      async () => (await stored('deployment', 'echo')).status?.readyReplicas === 3,
      20_000,
      'three ready replicas',
    );
  });

  it('exposes the Deployment as a NodePort Service', async () => {
    expect(
      await run([
        'expose',
        'deployment',
        'echo',
        '--port=80',
        '--target-port=8080',
        '--type=NodePort',
      ]),
    ).toBe('service/echo exposed');
    const service = await stored('service', 'echo');
    expect(service.spec).toMatchObject({
      type: 'NodePort',
      selector: { app: 'echo' },
      ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
    });
    expect(service.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(service.spec.ports[0].nodePort).toBeLessThanOrEqual(32767);
  });

  it('creates ClusterIP, NodePort, LoadBalancer, headless and ExternalName Services', async () => {
    expect(await run(['create', 'service', 'clusterip', 'web', '--tcp=80:8080'])).toBe(
      'service/web created',
    );
    const web = await stored('service', 'web');
    expect(web.spec).toMatchObject({
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [{ name: '80-8080', port: 80, protocol: 'TCP', targetPort: 8080 }],
    });
    expect(web.spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);

    await run(['create', 'service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080']);
    expect((await stored('service', 'np')).spec.ports[0]).toMatchObject({
      port: 80,
      targetPort: 8080,
      nodePort: 30080,
    });
    await run(['create', 'service', 'loadbalancer', 'lb', '--tcp=80:8080,443:https']);
    expect((await stored('service', 'lb')).spec).toMatchObject({
      type: 'LoadBalancer',
      ports: [{ targetPort: 8080 }, { port: 443, targetPort: 'https' }],
    });
    await run(['create', 'service', 'clusterip', 'headless', '--clusterip=None']);
    expect((await stored('service', 'headless')).spec.clusterIP).toBe('None');
    await run(['create', 'service', 'externalname', 'ex', '--external-name=example.com']);
    expect((await stored('service', 'ex')).spec).toMatchObject({
      type: 'ExternalName',
      externalName: 'example.com',
    });
  });

  it('runs a client pod', async () => {
    expect(await run(['run', 'client', `--image=${agnhost}`, '--', '/agnhost', 'pause'])).toBe(
      'pod/client created',
    );
    const pod = await stored('pod', 'client');
    expect(pod.metadata.labels).toEqual({ run: 'client' });
    expect(pod.spec.containers[0]).toMatchObject({
      name: 'client',
      image: agnhost,
      args: ['/agnhost', 'pause'],
    });
  });

  it('creates a namespace, a ConfigMap, Secrets and a ServiceAccount', async () => {
    expect(await run(['create', 'namespace', 'lesson'])).toBe('namespace/lesson created');
    expect((await stored('namespace', 'lesson', '')).status).toEqual({ phase: 'Active' });

    expect(await run(['create', 'configmap', 'c', '--from-literal=a=b'])).toBe(
      'configmap/c created',
    );
    expect((await stored('configmap', 'c')).data).toEqual({ a: 'b' });

    expect(await run(['create', 'secret', 'generic', 's', '--from-literal=a=b'])).toBe(
      'secret/s created',
    );
    const secret = await stored('secret', 's');
    expect(secret.type).toBe('Opaque');
    expect(secret.data).toEqual({ a: Buffer.from('b').toString('base64') });

    await run([
      'create',
      'secret',
      'docker-registry',
      'reg',
      '--docker-server=registry.example',
      '--docker-username=u',
      '--docker-password=p',
    ]);
    const registry = await stored('secret', 'reg');
    expect(registry.type).toBe('kubernetes.io/dockerconfigjson');
    const config = JSON.parse(Buffer.from(registry.data['.dockerconfigjson'], 'base64').toString());
    expect(config.auths['registry.example']).toMatchObject({ username: 'u', password: 'p' });

    await run(['create', 'serviceaccount', 'robot', '-n', 'lesson']);
    expect((await stored('serviceaccount', 'robot', 'lesson')).metadata.name).toBe('robot');
  });

  it('creates an Ingress with a Prefix path to the Service port', async () => {
    expect(await run(['create', 'ingress', 'web', '--rule=echo.example/*=echo:80'])).toBe(
      'ingress.networking.k8s.io/web created',
    );
    const ingress = await stored('ingress', 'web');
    expect(ingress.spec.rules).toEqual([
      {
        host: 'echo.example',
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: 'echo', port: { number: 80 } } },
            },
          ],
        },
      },
    ]);

    await run([
      'create',
      'ingress',
      'full',
      '--class=cloud-provider-kind',
      '--rule=foo.example/=svc:https,tls=my-cert',
      '--default-backend=def:http',
      '--annotation=team=a',
    ]);
    const full = await stored('ingress', 'full');
    expect(full.metadata.annotations).toEqual({ team: 'a' });
    expect(full.spec).toMatchObject({
      ingressClassName: 'cloud-provider-kind',
      defaultBackend: { service: { name: 'def', port: { name: 'http' } } },
      tls: [{ hosts: ['foo.example'], secretName: 'my-cert' }],
      rules: [{ host: 'foo.example', http: { paths: [{ path: '/', pathType: 'Exact' }] } }],
    });
  });

  it('reports invalid and duplicate objects in the server’s words', async () => {
    const invalid = await harness.kubectl([
      'create',
      'service',
      'nodeport',
      'bad',
      '--tcp=80:8080',
      '--node-port=80',
    ]);
    expect(invalid.exitCode).toBe(1);
    expect(invalid.stderr).toBe(
      'error: failed to create NodePort service: Service "bad" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    const duplicate = await harness.kubectl(['create', 'configmap', 'c', '--from-literal=a=b']);
    expect(duplicate.stderr).toBe(
      'error: failed to create configmap: configmaps "c" already exists',
    );
  });

  it('stores nothing for a server-side dry run', async () => {
    const result = await run([
      'create',
      'deployment',
      'dry',
      `--image=${agnhost}`,
      '--dry-run=server',
      '-o',
      'jsonpath={.spec.strategy.type}',
    ]);
    expect(result).toBe('RollingUpdate');
    const missing = await harness.kubectl(['get', 'deployment', 'dry']);
    expect(missing.stderr).toBe('Error from server (NotFound): deployments.apps "dry" not found');
  });
});

describe('other kubectl versions', () => {
  it('kubectl 1.32 creates from protobuf bodies too', async () => {
    const result = await harness.kubectl(
      ['create', 'deployment', 'web132', `--image=${agnhost}`, '--port=8080', '-v=8'],
      undefined,
      '1.32',
    );
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('Content-Type: application/vnd.kubernetes.protobuf');
    const deployment = await stored('deployment', 'web132');
    expect(deployment.spec.template.spec.containers[0].ports).toEqual([
      { containerPort: 8080, protocol: 'TCP' },
    ]);
  });

  it('kubectl 1.27 sends the same commands as JSON, with the same result', async () => {
    const version = '1.27';
    expect(
      await run(['create', 'deployment', 'old', `--image=${agnhost}`, '--replicas=2'], version),
    ).toBe('deployment.apps/old created');
    expect(await run(['create', 'service', 'clusterip', 'old', '--tcp=80:8080'], version)).toBe(
      'service/old created',
    );
    expect(await run(['create', 'ingress', 'old', '--rule=old.example/*=old:80'], version)).toBe(
      'ingress.networking.k8s.io/old created',
    );
    expect((await stored('deployment', 'old')).spec.replicas).toBe(2);
    expect((await stored('service', 'old')).spec.ports[0]).toMatchObject({
      port: 80,
      targetPort: 8080,
    });
  });
});

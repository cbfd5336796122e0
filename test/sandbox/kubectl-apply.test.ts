import {
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../source/sandbox/api/kube-object.ts';
import { type SandboxHarness, startHarness } from '../support/sandbox.ts';

/*
 * kubectl apply (client- and server-side), patch, label, annotate and scale against the
 * sandbox: what they change, what they leave alone, and what they record in managedFields.
 * Controllers are off, so only the commands under test write.
 */

let harness: SandboxHarness;

beforeAll(async () => {
  harness = await startHarness({ controllers: false });
});
afterAll(async () => {
  await harness.stop();
});

async function kubectl(args: string[], input?: string) {
  return harness.kubectl(args, input);
}

async function kubectlOk(args: string[], input?: string): Promise<string> {
  const result = await kubectl(args, input);
  expect(result.stderr, `kubectl ${args.join(' ')}`).toBe('');
  expect(result.exitCode).toBe(0);
  return result.stdout;
}

function stored(resource: string, name: string, namespace = 'default'): KubeObject {
  const object = harness.sandbox.store.get(resource, namespace, name);
  if (!object) throw new Error(`${resource} ${name} not stored`);
  return object;
}

/** The managedFields entries as `manager/operation`, sorted (stored order depends on time). */
function managers(object: KubeObject): string[] {
  return (object.metadata.managedFields ?? [])
    .map(
      (entry) =>
        `${entry.manager}/${entry.operation}${entry.subresource ? `/${entry.subresource}` : ''}`,
    )
    .sort();
}

function entryOf(object: KubeObject, manager: string): Json | undefined {
  return object.metadata.managedFields?.find((entry) => entry.manager === manager);
}

function service(ports: string, extra = ''): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: echo
  labels:
    app: echo${extra}
spec:
  selector:
    app: echo
  ports:
${ports}`;
}

const httpPort = (port: number) => `  - name: http
    port: ${port}
    targetPort: 8080
`;
const metricsPort = `  - name: metrics
    port: 9090
    targetPort: 9090
`;

const deployment = (replicas: number, image = '2.66.1') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: echo
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: echo
  template:
    metadata:
      labels:
        app: echo
    spec:
      containers:
      - name: agnhost
        image: registry.k8s.io/e2e-test-images/agnhost:${image}
        args: ["netexec", "--http-port=8080"]
        ports:
        - containerPort: 8080
`;

describe('kubectl apply (client-side)', () => {
  it('creates a Service and a Deployment, recording kubectl-client-side-apply', async () => {
    const out = await kubectlOk(
      ['apply', '-f', '-'],
      `${service(httpPort(80) + metricsPort)}\n---\n${deployment(1)}`,
    );
    expect(out.split('\n')).toEqual(['service/echo created', 'deployment.apps/echo created']);
    const svc = stored('/services', 'echo');
    expect(svc.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      `${JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          annotations: {},
          labels: { app: 'echo' },
          name: 'echo',
          namespace: 'default',
        },
        spec: {
          ports: [
            { name: 'http', port: 80, targetPort: 8080 },
            { name: 'metrics', port: 9090, targetPort: 9090 },
          ],
          selector: { app: 'echo' },
        },
      })}\n`,
    );
    expect(managers(svc)).toEqual(['kubectl-client-side-apply/Update']);
    const fields = entryOf(svc, 'kubectl-client-side-apply')?.fieldsV1;
    expect(Object.keys(fields['f:spec']['f:ports'])).toEqual([
      '.',
      'k:{"port":80,"protocol":"TCP"}',
      'k:{"port":9090,"protocol":"TCP"}',
    ]);
    expect(fields).not.toHaveProperty('f:status');
    expect(managers(stored('apps/deployments', 'echo'))).toEqual([
      'kubectl-client-side-apply/Update',
    ]);
  });

  it('applies a changed port, keeping a label another client added and the other port', async () => {
    expect(await kubectlOk(['label', 'service', 'echo', 'team=web'])).toBe('service/echo labeled');
    const out = await kubectlOk(
      ['apply', '-f', '-'],
      `${service(httpPort(8081) + metricsPort)}\n---\n${deployment(1)}`,
    );
    expect(out.split('\n')).toEqual(['service/echo configured', 'deployment.apps/echo unchanged']);
    const svc = stored('/services', 'echo');
    expect(svc.metadata.labels).toEqual({ app: 'echo', team: 'web' });
    expect(svc.spec.ports).toEqual([
      expect.objectContaining({ name: 'http', port: 8081, targetPort: 8080 }),
      expect.objectContaining({ name: 'metrics', port: 9090, targetPort: 9090 }),
    ]);
    expect(managers(svc)).toEqual(['kubectl-client-side-apply/Update', 'kubectl-label/Update']);
    expect(entryOf(svc, 'kubectl-label')?.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:team': {} } },
    });
  });

  it('removes a port that left the manifest, and reports an unchanged apply', async () => {
    expect(await kubectlOk(['apply', '-f', '-'], service(httpPort(8081)))).toBe(
      'service/echo configured',
    );
    expect(stored('/services', 'echo').spec.ports).toEqual([
      expect.objectContaining({ name: 'http', port: 8081 }),
    ]);
    const version = stored('/services', 'echo').metadata.resourceVersion;
    expect(await kubectlOk(['apply', '-f', '-'], service(httpPort(8081)))).toBe(
      'service/echo unchanged',
    );
    expect(stored('/services', 'echo').metadata.resourceVersion).toBe(version);
  });

  it('changes nothing with --dry-run=server', async () => {
    const before = stored('/services', 'echo');
    const out = await kubectlOk(
      ['apply', '--dry-run=server', '-f', '-'],
      service(httpPort(8082), '\n    tier: front'),
    );
    expect(out).toBe('service/echo configured (server dry run)');
    expect(stored('/services', 'echo')).toEqual(before);
    const created = await kubectlOk(
      ['apply', '--dry-run=server', '-f', '-'],
      service(httpPort(80)).replace('name: echo', 'name: dry'),
    );
    expect(created).toBe('service/dry created (server dry run)');
    expect(harness.sandbox.store.get('/services', 'default', 'dry')).toBeUndefined();
  });
});

describe('kubectl apply --server-side', () => {
  it('creates, then applies a change and drops what left the manifest', async () => {
    const first = deployment(2).replace('name: echo', 'name: ssa');
    expect(await kubectlOk(['apply', '--server-side', '-f', '-'], first)).toBe(
      'deployment.apps/ssa serverside-applied',
    );
    const created = stored('apps/deployments', 'ssa');
    expect(managers(created)).toEqual(['kubectl/Apply']);
    const containers = entryOf(created, 'kubectl')?.fieldsV1['f:spec']['f:template']['f:spec'][
      'f:containers'
    ];
    expect(containers['k:{"name":"agnhost"}']['f:ports']).toEqual({
      'k:{"containerPort":8080,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
    });

    const second = deployment(3, '2.67')
      .replace('name: echo', 'name: ssa')
      .replace('        args: ["netexec", "--http-port=8080"]\n', '');
    expect(await kubectlOk(['apply', '--server-side', '-f', '-'], second)).toBe(
      'deployment.apps/ssa serverside-applied',
    );
    const updated = stored('apps/deployments', 'ssa');
    expect(updated.spec.replicas).toBe(3);
    expect(updated.spec.template.spec.containers[0].image).toBe(
      'registry.k8s.io/e2e-test-images/agnhost:2.67',
    );
    expect(updated.spec.template.spec.containers[0]).not.toHaveProperty('args');
    expect(updated.metadata.uid).toBe(created.metadata.uid);
  });

  it('fails on a field another manager owns, and takes it over with --force-conflicts', async () => {
    const manifest = service(httpPort(8081).replace('8080', '9376'));
    const conflict = await kubectl(
      ['apply', '--server-side', '--field-manager=tutor', '-f', '-'],
      manifest,
    );
    expect(conflict.exitCode).toBe(1);
    expect(conflict.stderr.split('\n')[0]).toBe(
      'error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .spec.ports[port=8081,protocol="TCP"].targetPort',
    );
    expect(stored('/services', 'echo').spec.ports[0].targetPort).toBe(8080);

    expect(
      await kubectlOk(
        ['apply', '--server-side', '--field-manager=tutor', '--force-conflicts', '-f', '-'],
        manifest,
      ),
    ).toBe('service/echo serverside-applied');
    const svc = stored('/services', 'echo');
    expect(svc.spec.ports[0].targetPort).toBe(9376);
    // kubectl hands client-side apply's fields to the new manager, which then prunes the
    // last-applied annotation it no longer applies.
    expect(managers(svc)).toEqual(['kubectl-label/Update', 'tutor/Apply']);
    const port = entryOf(svc, 'tutor')?.fieldsV1['f:spec']['f:ports'][
      'k:{"port":8081,"protocol":"TCP"}'
    ];
    expect(port).toEqual({ '.': {}, 'f:name': {}, 'f:port': {}, 'f:targetPort': {} });
    expect(svc.metadata.annotations).toBeUndefined();
  });
});

describe('kubectl patch, label, annotate, scale', () => {
  it('patches with --type=json, merge and strategic', async () => {
    expect(
      await kubectlOk([
        'patch',
        'service',
        'echo',
        '--type=json',
        '-p',
        '[{"op":"test","path":"/spec/type","value":"ClusterIP"},{"op":"add","path":"/metadata/labels/json","value":"yes"}]',
      ]),
    ).toBe('service/echo patched');
    const failed = await kubectl([
      'patch',
      'service',
      'echo',
      '--type=json',
      '-p',
      '[{"op":"test","path":"/spec/type","value":"NodePort"}]',
    ]);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toBe(
      'The request is invalid: the server rejected our request due to an error in our request',
    );
    await kubectlOk([
      'patch',
      'service',
      'echo',
      '--type=merge',
      '-p',
      '{"spec":{"type":"NodePort"}}',
    ]);
    expect(
      await kubectlOk([
        'patch',
        'service',
        'echo',
        '-p',
        '{"spec":{"ports":[{"port":8081,"name":"web"}]}}',
      ]),
    ).toBe('service/echo patched');
    expect(
      await kubectlOk([
        'patch',
        'service',
        'echo',
        '--type=strategic',
        '-p',
        '{"spec":{"ports":[{"port":8081,"name":"web"}]}}',
      ]),
    ).toBe('service/echo patched (no change)');
    const svc = stored('/services', 'echo');
    expect(svc.metadata.labels?.json).toBe('yes');
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.ports).toEqual([
      expect.objectContaining({ name: 'web', port: 8081, targetPort: 9376 }),
    ]);
    expect(managers(svc)).toContain('kubectl-patch/Update');
  });

  it('reports invalid patched objects with the kind’s validation errors', async () => {
    const result = await kubectl([
      'patch',
      'service',
      'echo',
      '--type=merge',
      '-p',
      '{"spec":{"ports":[{"port":8081,"nodePort":80}]}}',
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('The Service "echo" is invalid: spec.ports[0].nodePort');
  });

  it('labels and annotates, each under its own manager', async () => {
    await kubectlOk(['annotate', 'service', 'echo', 'note=hello']);
    await kubectlOk(['label', 'service', 'echo', 'team=platform', '--overwrite']);
    const svc = stored('/services', 'echo');
    expect(svc.metadata.annotations?.note).toBe('hello');
    expect(svc.metadata.labels?.team).toBe('platform');
    expect(entryOf(svc, 'kubectl-annotate')?.fieldsV1).toEqual({
      'f:metadata': { 'f:annotations': { '.': {}, 'f:note': {} } },
    });
  });

  it('scales a Deployment by patching its scale subresource', async () => {
    harness.sandbox.audit.clear();
    expect(await kubectlOk(['scale', 'deployment', 'echo', '--replicas=4'])).toBe(
      'deployment.apps/echo scaled',
    );
    const patches = harness.sandbox.audit.all().filter((entry) => entry.method === 'PATCH');
    expect(patches.map((entry) => entry.path)).toEqual([
      '/apis/apps/v1/namespaces/default/deployments/echo/scale',
    ]);
    const deploy = stored('apps/deployments', 'echo');
    expect(deploy.spec.replicas).toBe(4);
    const scaleEntry = deploy.metadata.managedFields?.find(
      (entry) => entry.subresource === 'scale',
    );
    expect(scaleEntry).toMatchObject({
      operation: 'Update',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    });
    // kubectl scale names no field manager: the server takes it from the User-Agent.
    expect(scaleEntry?.manager).toMatch(/^kubectl/);
  });

  it('answers a strategic merge patch of a Gateway API object with 415', async () => {
    await kubectlOk(
      ['apply', '-f', '-'],
      `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
spec:
  gatewayClassName: cloud-provider-kind
  listeners:
  - name: http
    port: 80
    protocol: HTTP
`,
    );
    const result = await kubectl([
      'patch',
      'gateway',
      'gw',
      '-p',
      '{"metadata":{"labels":{"a":"b"}}}',
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
    await kubectlOk([
      'patch',
      'gateway',
      'gw',
      '--type=merge',
      '-p',
      '{"metadata":{"labels":{"a":"b"}}}',
    ]);
    expect(stored('gateway.networking.k8s.io/gateways', 'gw').metadata.labels).toEqual({ a: 'b' });
  });

  it('hides managedFields from kubectl get -o yaml unless asked', async () => {
    expect(await kubectlOk(['get', 'service', 'echo', '-o', 'yaml'])).not.toContain(
      'managedFields',
    );
    const shown = await kubectlOk([
      'get',
      'service',
      'echo',
      '-o',
      'yaml',
      '--show-managed-fields',
    ]);
    expect(shown).toContain('managedFields:');
    expect(shown).toContain('manager: tutor');
    expect(shown).toContain('k:{"port":8081,"protocol":"TCP"}:');
  });
});

describe('server-side apply from @kubernetes/client-node', () => {
  it('creates, then updates, with KubernetesObjectApi.patch', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(harness.sandbox.kubeconfig());
    const objects = KubernetesObjectApi.makeApiClient(kc);
    const config = (data: Record<string, string>) =>
      ({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'tutor-settings', namespace: 'default' },
        data,
      }) as KubernetesObject;
    const apply = (object: KubernetesObject) =>
      objects.patch(object, undefined, undefined, 'tutor', true, PatchStrategy.ServerSideApply);

    const first = (await apply(config({ lesson: 'nodeport', pace: 'slow' }))) as KubeObject;
    expect(first.data).toEqual({ lesson: 'nodeport', pace: 'slow' });
    const second = (await apply(config({ lesson: 'ingress' }))) as KubeObject;
    expect(second.metadata.uid).toBe(first.metadata.uid);
    expect(second.data).toEqual({ lesson: 'ingress' });
    expect(second.metadata.managedFields).toEqual([
      expect.objectContaining({
        manager: 'tutor',
        operation: 'Apply',
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:lesson': {} } },
      }),
    ]);
  });
});

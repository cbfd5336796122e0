import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  type KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  NetworkingV1Api,
  PatchStrategy,
  Watch,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeConfigFor } from '../support/client-node.ts';
import { eventually, type SandboxHarness, startHarness } from '../support/sandbox.ts';
import { ingressFor, serviceFor } from '../support/workloads.ts';

let harness: SandboxHarness;
let kc: KubeConfig;
let objects: KubernetesObjectApi;

beforeAll(async () => {
  harness = await startHarness();
  kc = kubeConfigFor(harness);
  objects = KubernetesObjectApi.makeApiClient(kc);
});
afterAll(async () => {
  await harness.stop();
});

const ns = 'default';
const podSpec = {
  containers: [
    {
      name: 'agnhost',
      image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
      args: ['netexec', '--http-port=8080'],
      ports: [{ name: 'http', containerPort: 8080 }],
    },
  ],
};

/** One valid object of every kind the sandbox serves. */
const everyKind: KubernetesObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lesson-a' } },
  {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: ns },
    data: { a: '1' },
  } as KubernetesObject,
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'token', namespace: ns },
    stringData: { a: 'b' },
  } as KubernetesObject,
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot', namespace: ns } },
  serviceFor({ namespace: ns }) as KubernetesObject,
  {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'manual', namespace: ns },
    subsets: [{ addresses: [{ ip: '10.244.1.9' }], ports: [{ port: 8080 }] }],
  } as KubernetesObject,
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'client', namespace: ns, labels: { app: 'client' } },
    spec: podSpec,
  } as KubernetesObject,
  {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'client.1', namespace: ns },
    involvedObject: { kind: 'Pod', name: 'client', namespace: ns },
    reason: 'Testing',
    message: 'hello',
    type: 'Normal',
  } as KubernetesObject,
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'echo', namespace: ns },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'echo' } },
      template: { metadata: { labels: { app: 'echo' } }, spec: podSpec },
    },
  } as KubernetesObject,
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'solo', namespace: ns },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: 'solo' } },
      template: { metadata: { labels: { app: 'solo' } }, spec: podSpec },
    },
  } as KubernetesObject,
  {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'manual-abcde',
      namespace: ns,
      labels: { 'kubernetes.io/service-name': 'manual' },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.1.9'] }],
    ports: [{ port: 8080 }],
  } as KubernetesObject,
  ingressFor({ name: 'web', namespace: ns }) as KubernetesObject,
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'other' },
    spec: { controller: 'example.com/other' },
  } as KubernetesObject,
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: 'other' },
    spec: { controllerName: 'example.com/other' },
  } as KubernetesObject,
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: { name: 'gw', namespace: ns },
    spec: {
      gatewayClassName: 'cloud-provider-kind',
      listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
    },
  } as KubernetesObject,
  {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'route', namespace: ns },
    spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'echo', port: 80 }] }] },
  } as KubernetesObject,
];

describe('client-node against the sandbox', () => {
  it.each(everyKind.map((object) => [object.kind, object] as const))(
    'creates, reads, lists, patches and deletes a %s',
    async (_kind, object) => {
      const created = await objects.create(object);
      expect(created.metadata?.uid).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number(created.metadata?.resourceVersion)).toBeGreaterThan(0);

      const read = await objects.read({
        apiVersion: object.apiVersion!,
        kind: object.kind!,
        metadata: { name: object.metadata!.name!, namespace: object.metadata!.namespace! },
      });
      expect(read.metadata?.uid).toBe(created.metadata?.uid);

      const list = await objects.list(object.apiVersion!, object.kind!, object.metadata!.namespace);
      expect(list.items.map((item) => item.metadata?.name)).toContain(object.metadata!.name);

      const patched = await objects.patch<KubernetesObject>(
        {
          apiVersion: object.apiVersion!,
          kind: object.kind!,
          metadata: {
            name: object.metadata!.name!,
            namespace: object.metadata!.namespace!,
            labels: { patched: 'yes' },
          },
        },
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.MergePatch,
      );
      expect(patched.metadata?.labels?.patched).toBe('yes');
      expect(Number(patched.metadata?.resourceVersion)).toBeGreaterThan(
        Number(created.metadata?.resourceVersion),
      );

      await objects.delete(object);
      await eventually(
        async () => {
          try {
            await objects.read({
              apiVersion: object.apiVersion!,
              kind: object.kind!,
              metadata: { name: object.metadata!.name!, namespace: object.metadata!.namespace! },
            });
            return false;
          } catch (error) {
            return error instanceof ApiException && error.code === 404;
          }
        },
        5000,
        `${object.kind} to be gone`,
      );
    },
  );

  it('uses the typed APIs: CoreV1Api, AppsV1Api, NetworkingV1Api', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const apps = kc.makeApiClient(AppsV1Api);
    const networking = kc.makeApiClient(NetworkingV1Api);
    await core.createNamespacedService({
      namespace: ns,
      body: {
        metadata: { name: 'typed' },
        spec: { selector: { app: 'typed' }, ports: [{ port: 80 }] },
      },
    });
    const service = await core.readNamespacedService({ name: 'typed', namespace: ns });
    expect(service.spec?.clusterIP).toMatch(/^10\.96\./);
    await apps.createNamespacedDeployment({
      namespace: ns,
      body: {
        metadata: { name: 'typed' },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'typed' } },
          template: { metadata: { labels: { app: 'typed' } }, spec: podSpec },
        },
      },
    });
    const deployments = await apps.listNamespacedDeployment({ namespace: ns, labelSelector: '' });
    expect(deployments.items.map((d) => d.metadata?.name)).toContain('typed');
    const classes = await networking.listIngressClass();
    expect(classes.items.map((c) => c.metadata?.name)).toContain('cloud-provider-kind');
    const nodes = await core.listNode();
    expect(nodes.items.map((n) => n.metadata?.name)).toEqual([
      'expose-tutor-control-plane',
      'expose-tutor-worker',
      'expose-tutor-worker2',
    ]);
    await core.deleteNamespacedService({ name: 'typed', namespace: ns });
    await apps.deleteNamespacedDeployment({ name: 'typed', namespace: ns });
  });

  it('applies server-side through KubernetesObjectApi, creating then updating', async () => {
    const config = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'applied', namespace: ns },
      data: { version: '1' },
    } as KubernetesObject;
    const first = await objects.patch(
      config,
      undefined,
      undefined,
      'tutor',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect((first as { data?: Record<string, string> }).data).toEqual({ version: '1' });
    const second = await objects.patch(
      { ...config, data: { version: '2' } } as KubernetesObject,
      undefined,
      undefined,
      'tutor',
      true,
      PatchStrategy.ServerSideApply,
    );
    expect((second as { data?: Record<string, string> }).data).toEqual({ version: '2' });
    expect(second.metadata?.uid).toBe(first.metadata?.uid);
  });

  it('pages through lists with limit and continue', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    for (let i = 0; i < 5; i++)
      await core.createNamespacedConfigMap({
        namespace: 'kube-public',
        body: { metadata: { name: `page-${i}` } },
      });
    const first = await core.listNamespacedConfigMap({ namespace: 'kube-public', limit: 2 });
    expect(first.items.map((c) => c.metadata?.name)).toEqual(['page-0', 'page-1']);
    expect(first.metadata?.remainingItemCount).toBe(3);
    const second = await core.listNamespacedConfigMap({
      namespace: 'kube-public',
      limit: 2,
      _continue: first.metadata!._continue!,
    });
    expect(second.items.map((c) => c.metadata?.name)).toEqual(['page-2', 'page-3']);
    const last = await core.listNamespacedConfigMap({
      namespace: 'kube-public',
      limit: 2,
      _continue: second.metadata!._continue!,
    });
    expect(last.items.map((c) => c.metadata?.name)).toEqual(['page-4']);
    expect(last.metadata?._continue).toBeUndefined();
  });

  it('reports errors as ApiException carrying the Status', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const failure = await core
      .readNamespacedService({ name: 'missing', namespace: ns })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiException);
    const apiError = failure as ApiException<string>;
    expect(apiError.code).toBe(404);
    expect(JSON.parse(apiError.body)).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      reason: 'NotFound',
      message: 'services "missing" not found',
      code: 404,
    });

    await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'twice' } } });
    const duplicate = (await core
      .createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'twice' } } })
      .catch((error: unknown) => error)) as ApiException<string>;
    expect(duplicate.code).toBe(409);
    expect(JSON.parse(duplicate.body)).toMatchObject({
      reason: 'AlreadyExists',
      message: 'configmaps "twice" already exists',
    });
  });
});

describe('watch', () => {
  it('streams ADDED, MODIFIED and DELETED events after a list', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listNamespacedConfigMap({ namespace: ns });
    const events: string[] = [];
    const watch = new Watch(kc);
    const request = await watch.watch(
      `/api/v1/namespaces/${ns}/configmaps`,
      { resourceVersion: list.metadata!.resourceVersion! },
      (type: string, object: KubernetesObject) => events.push(`${type} ${object.metadata?.name}`),
      () => {},
    );
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'watched' } },
    });
    await core.replaceNamespacedConfigMap({
      name: 'watched',
      namespace: ns,
      body: { metadata: { name: 'watched' }, data: { a: 'b' } },
    });
    await core.deleteNamespacedConfigMap({ name: 'watched', namespace: ns });
    await eventually(() => events.length >= 3, 5000, 'three events');
    request.abort();
    expect(events).toEqual(['ADDED watched', 'MODIFIED watched', 'DELETED watched']);
  });

  it('answers 410 Gone for a resourceVersion older than history', async () => {
    harness.sandbox.store.compact(0);
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({
      namespace: ns,
      body: { metadata: { name: 'after-compaction' } },
    });
    const failure = await new Promise<unknown>((resolve) => {
      new Watch(kc)
        .watch(
          `/api/v1/namespaces/${ns}/configmaps`,
          { resourceVersion: '1' },
          () => {},
          (error) => resolve(error),
        )
        .catch(resolve);
    });
    expect(String((failure as Error)?.message ?? failure)).toMatch(/410|Gone|too old/i);
  });
});

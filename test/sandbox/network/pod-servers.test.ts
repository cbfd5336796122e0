import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import type { ServedRequest } from '../../../source/sandbox/network/agnhost-server.ts';
import { whyPodServesNothing } from '../../../source/sandbox/network/container-program.ts';
import { httpRequestOver } from '../../../source/sandbox/network/http-over-socket.ts';
import { type Sandbox, startSandbox } from '../../../source/sandbox/sandbox.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';
import { bodyOf, virtualGet } from '../../support/virtual-http.ts';

// Pods answer on their own IPs as agnhost netexec does; pods of other images listen on
// nothing; readiness probes really probe the pods over the fabric, from the node.
let harness: SandboxHarness;
const served: ServedRequest[] = [];
beforeAll(async () => {
  harness = await startHarness();
  harness.sandbox.clusterNetwork.onPodRequest((request) => served.push(request));
  const applied = await harness.kubectl(['apply', '-f', '-'], manifests);
  expect(applied.stderr).toBe('');
  await eventually(
    () =>
      ['web', 'custom', 'nginx', 'on-host'].every((name) => pod(name)?.status?.phase === 'Running'),
    10_000,
    'running pods',
  );
});
afterAll(async () => {
  await harness.stop();
});

const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.53';
const client = '10.244.2.200';

const manifests = `
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - name: agnhost
    image: ${agnhost}
    args: [netexec, --http-port=8080]
    ports: [{name: http, containerPort: 8080}]
    readinessProbe:
      httpGet: {path: /readyz, port: http}
      periodSeconds: 1
---
apiVersion: v1
kind: Pod
metadata: {name: custom}
spec:
  hostname: my-host
  containers:
  - name: agnhost
    image: ${agnhost}
    command: [/agnhost, netexec, --http-port, "9090"]
---
apiVersion: v1
kind: Pod
metadata: {name: on-host}
spec:
  hostNetwork: true
  nodeName: expose-tutor-worker2
  containers:
  - {name: agnhost, image: ${agnhost}, args: [netexec, --http-port=8088]}
---
apiVersion: v1
kind: Pod
metadata: {name: nginx}
spec:
  containers:
  - {name: nginx, image: nginx:1.27}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: failing}
spec:
  replicas: 1
  selector: {matchLabels: {app: failing}}
  template:
    metadata: {labels: {app: failing}}
    spec:
      containers:
      - name: agnhost
        image: ${agnhost}
        args: [netexec]
        readinessProbe:
          httpGet: {path: '/echo?code=503', port: 8080}
          periodSeconds: 1
---
apiVersion: v1
kind: Service
metadata: {name: failing}
spec:
  selector: {app: failing}
  ports: [{port: 80, targetPort: 8080}]
`;

function pod(name: string): Readonly<KubeObject> | undefined {
  return harness.sandbox.store.peek('/pods', 'default', name);
}

function ipOf(name: string): string {
  return pod(name)!.status.podIP;
}

async function getFrom(name: string, port: number, path: string) {
  return virtualGet(harness.sandbox.dataPlane, client, { ip: ipOf(name), port }, path, 300);
}

describe('an agnhost netexec pod', () => {
  it.each([
    ['/hostname', 'web'],
    ['/hostName', 'web'],
    ['/echo?msg=hello%20there', 'hello there'],
    ['/healthz', ''],
    ['/readyz', 'ok'],
    ['/header?key=user-agent', 'curl/8.5.0'],
  ])('answers %s like agnhost', async (path, body) => {
    const result = await getFrom('web', 8080, path);
    expect(result.outcome).toBe('reply');
    expect(bodyOf(result)).toBe(body);
  });

  it('shows the client’s virtual address on /clientip', async () => {
    expect(bodyOf(await getFrom('web', 8080, '/clientip'))).toMatch(/^10\.244\.2\.200:\d+$/);
  });

  it('answers /echo with the code asked for, and / (or any other path) with the time', async () => {
    const echoed = await getFrom('web', 8080, '/echo?msg=nope&code=503');
    expect(echoed).toMatchObject({ outcome: 'reply', status: 503, body: 'nope' });
    expect(bodyOf(await getFrom('web', 8080, '/'))).toMatch(
      /^NOW: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? \+0000 UTC m=\+\d+\.\d{9}$/,
    );
    expect(bodyOf(await getFrom('web', 8080, '/no/such/path'))).toMatch(/^NOW: /);
  });

  it('sends the headers Go’s server sends, and all request headers as Go marshals them', async () => {
    const socket = await harness.sandbox.dataPlane.network.dial({
      source: { ip: client, port: 41_000 },
      destination: { ip: ipOf('web'), port: 8080 },
    });
    const reply = await httpRequestOver(socket, {
      path: '/header',
      host: `${ipOf('web')}:8080`,
      headers: { 'x-forwarded-for': '203.0.113.9', Accept: '*/*' },
    });
    expect(reply.rawHeaders.filter((_, i) => i % 2 === 0)).toEqual([
      'Date',
      'Content-Length',
      'Content-Type',
      'Connection',
    ]);
    expect(reply.headers.connection).toBe('close');
    expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(JSON.parse(reply.body)).toEqual({
      Accept: ['*/*'],
      Connection: ['close'],
      'X-Forwarded-For': ['203.0.113.9'],
    });
  });

  it('keeps a connection alive without saying so, as Go does, for several requests', async () => {
    const socket = await harness.sandbox.dataPlane.network.dial({
      source: { ip: client, port: 41_001 },
      destination: { ip: ipOf('web'), port: 8080 },
    });
    const received: string[] = [];
    socket.on('data', (chunk) => received.push(String(chunk)));
    socket.write(
      'GET /hostname HTTP/1.1\r\nHost: web\r\n\r\nGET /echo?msg=again HTTP/1.1\r\nHost: web\r\n\r\n',
    );
    const text = await eventually(() => {
      const joined = received.join('');
      return joined.endsWith('again') ? joined : undefined;
    });
    socket.destroy();
    const replies = text.split('HTTP/1.1 200 OK\r\n').slice(1);
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatch(
      /^Date: .+ GMT\r\nContent-Length: 3\r\nContent-Type: text\/plain; charset=utf-8\r\n\r\nweb$/,
    );
  });

  it('listens on the port its arguments name, and has the hostname its spec names', async () => {
    expect(bodyOf(await getFrom('custom', 9090, '/hostname'))).toBe('my-host');
    expect((await getFrom('custom', 8080, '/hostname')).outcome).toBe('refused');
  });

  it('reports each request it answers, as the pod and from the client', () => {
    const request = served.find((r) => r.path === '/clientip');
    expect(request).toMatchObject({
      pod: { namespace: 'default', name: 'web' },
      method: 'GET',
      status: 200,
      flow: { source: { ip: client } },
    });
  });
});

describe('a hostNetwork pod', () => {
  it('answers on its node’s IP as the node; the node refuses ports nobody listens on', async () => {
    const node = { ip: '172.18.0.4', port: 8088 };
    expect(ipOf('on-host')).toBe(node.ip);
    const reply = await virtualGet(harness.sandbox.dataPlane, client, node, '/hostname', 300);
    expect(bodyOf(reply)).toBe('expose-tutor-worker2');
    const other = { ip: '172.18.0.3', port: 8088 };
    expect((await virtualGet(harness.sandbox.dataPlane, client, other, '/', 300)).outcome).toBe(
      'refused',
    );
  });
});

describe('pods that serve nothing', () => {
  it('refuses connections to a pod whose image the sandbox runs no program for, and says why', async () => {
    expect((await getFrom('nginx', 80, '/')).outcome).toBe('refused');
    expect(whyPodServesNothing(pod('nginx')!)).toBe(
      'the sandbox runs no program for image "nginx:1.27": only registry.k8s.io/e2e-test-images/agnhost with "netexec" answers connections',
    );
    expect(whyPodServesNothing(pod('web')!)).toBeUndefined();
  });

  it('drops connections to a pod IP no pod has: the client times out', async () => {
    const result = await virtualGet(
      harness.sandbox.dataPlane,
      client,
      { ip: '10.244.1.250', port: 8080 },
      '/',
      300,
    );
    expect(result.outcome).toBe('timed out');
  });
});

describe('readiness probes', () => {
  it('make a pod Ready when its probe (a named port) succeeds', async () => {
    await eventually(
      () =>
        pod('web')?.status?.conditions?.find((c: Json) => c.type === 'Ready')?.status === 'True',
      10_000,
      'web Ready',
    );
    // The kubelet probes from the node the pod runs on.
    const node = harness.sandbox.store.peek('/nodes', undefined, pod('web')!.spec.nodeName)!;
    const nodeIP = node.status.addresses.find((a: Json) => a.type === 'InternalIP').address;
    const probes = served.filter(
      (r) => r.pod.name === 'web' && r.path === '/readyz' && r.flow.source.ip !== client,
    );
    expect(probes.length).toBeGreaterThan(0);
    expect(new Set(probes.map((r) => r.flow.source.ip))).toEqual(new Set([nodeIP]));
  });

  it('keep a pod whose probe fails out of its Service: unready endpoint, refused ClusterIP, Unhealthy events', async () => {
    const failing = await eventually(
      () =>
        harness.sandbox.store
          .scan('/pods', 'default')
          .find((p) => p.metadata.labels?.app === 'failing' && p.status?.phase === 'Running'),
      10_000,
      'the failing pod running',
    );
    const name = failing.metadata.name!;
    const events = await eventually(
      () => {
        const found = harness.sandbox.store
          .scan('/events', 'default')
          .filter((e) => e.involvedObject?.name === name && e.reason === 'Unhealthy');
        return found.length > 0 ? found : undefined;
      },
      10_000,
      'an Unhealthy event',
    );
    expect(events[0]).toMatchObject({
      type: 'Warning',
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      involvedObject: { fieldPath: 'spec.containers{agnhost}' },
    });
    expect(pod(name)!.status.conditions.find((c: Json) => c.type === 'Ready').status).toBe('False');
    const slice = harness.sandbox.store
      .scan('discovery.k8s.io/endpointslices', 'default')
      .find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'failing')!;
    expect(slice.endpoints).toEqual([
      expect.objectContaining({ conditions: { ready: false, serving: false, terminating: false } }),
    ]);
    const service = harness.sandbox.store.peek('/services', 'default', 'failing')!;
    const result = await virtualGet(
      harness.sandbox.dataPlane,
      client,
      { ip: service.spec.clusterIP, port: 80 },
      '/hostname',
      300,
    );
    expect(result.outcome).toBe('refused');
    // The pod itself still answers anyone who connects to it directly.
    expect(bodyOf(await getFrom(name, 8080, '/hostname'))).toBe(name);
  });
});

describe('a terminating pod', () => {
  // Without controllers, so the pod's states can be written one at a time.
  let bare: Sandbox;
  beforeAll(async () => {
    bare = await startSandbox({ controllers: false });
  });
  afterAll(async () => {
    await bare.stop();
  });

  it('answers until its containers stop, with /readyz saying "shutting down"; then it is gone', async () => {
    const now = new Date().toISOString();
    const running: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'leaving', namespace: 'default' },
      spec: {
        nodeName: 'expose-tutor-worker',
        containers: [{ name: 'agnhost', image: agnhost, args: ['netexec'] }],
      },
      status: {
        phase: 'Running',
        podIP: '10.244.1.77',
        containerStatuses: [{ name: 'agnhost', state: { running: { startedAt: now } } }],
      },
    };
    const store = bare.store;
    store.insert('/pods', running);
    const get = (path: string) =>
      virtualGet(bare.dataPlane, client, { ip: '10.244.1.77', port: 8080 }, path, 300);
    expect(bodyOf(await get('/readyz'))).toBe('ok');

    const open = await bare.dataPlane.network.dial({
      source: { ip: client, port: 42_000 },
      destination: { ip: '10.244.1.77', port: 8080 },
    });
    const terminating = store.get('/pods', 'default', 'leaving')!;
    terminating.metadata.deletionTimestamp = now;
    store.replace('/pods', terminating);
    expect(await get('/readyz')).toMatchObject({ status: 503, body: 'shutting down' });
    expect(bodyOf(await get('/hostname'))).toBe('leaving');
    // A connection made before the deletion is served as well.
    expect((await httpRequestOver(open, { path: '/hostname', host: 'x' })).body).toBe('leaving');

    const stopped = store.get('/pods', 'default', 'leaving')!;
    stopped.status.phase = 'Failed';
    store.replace('/pods', stopped);
    expect((await get('/hostname')).outcome).toBe('timed out');
    store.remove('/pods', 'default', 'leaving');
    expect((await get('/hostname')).outcome).toBe('timed out');
  });
});

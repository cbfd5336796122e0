import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../source/sandbox/api/kube-object.ts';
import { resourceById } from '../../source/sandbox/resources/catalog.ts';
import {
  eventually,
  kubectlBinary,
  type SandboxHarness,
  startHarness,
} from '../support/sandbox.ts';

/*
 * `kubectl get` and `kubectl describe` against the sandbox, read as a learner reads them.
 * Controllers are off: every object is written straight into the store, with the status a
 * real cluster would have given it, and backdated so AGE reads the same however long the
 * test takes (15m stays 15m for a whole minute, 63d for a whole day).
 */

let harness: SandboxHarness;
const ns = 'expose-tutor';

function ago(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** Rewrites an object's creationTimestamp, as if it had been created `minutes` ago. */
function backdate(resource: string, namespace: string | undefined, name: string, minutes: number) {
  const stored = harness.sandbox.store.get(resource, namespace, name)!;
  stored.metadata.creationTimestamp = ago(minutes);
  harness.sandbox.store.replace(resource, stored);
}

function insert(resource: string, object: KubeObject, minutes = 15): void {
  harness.sandbox.store.insert(resource, object);
  backdate(resource, object.metadata.namespace, object.metadata.name!, minutes);
}

/** Services go through admission, so they carry the defaults the real API server adds. */
function createService(object: KubeObject, minutes = 15): void {
  harness.sandbox.ops.create(resourceById('/services'), object);
  backdate('/services', object.metadata.namespace, object.metadata.name!, minutes);
}

const podTemplateHash = '7c9d8f6b5';
const echoPods = [
  { name: 'echo-7c9d8f6b5-m8d3z', node: 'expose-tutor-worker2', ip: '10.244.2.3' },
  { name: 'echo-7c9d8f6b5-p5w7n', node: 'expose-tutor-worker', ip: '10.244.1.6' },
  { name: 'echo-7c9d8f6b5-x2k4q', node: 'expose-tutor-worker', ip: '10.244.1.5' },
];

function echoPod(name: string, node: string, ip: string): KubeObject {
  const startedAt = ago(15);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      labels: { app: 'echo', 'pod-template-hash': podTemplateHash },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `echo-${podTemplateHash}`,
          uid: 'b7c1e7a4-5f64-4d3c-9a39-1f0c2b6e8d11',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      nodeName: node,
      serviceAccountName: 'default',
      containers: [
        {
          name: 'agnhost',
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
          args: ['netexec', '--http-port=8080'],
          ports: [{ containerPort: 8080, protocol: 'TCP' }],
        },
      ],
    },
    status: {
      phase: 'Running',
      hostIP: node === 'expose-tutor-worker' ? '172.18.0.3' : '172.18.0.4',
      podIP: ip,
      podIPs: [{ ip }],
      startTime: startedAt,
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: startedAt },
        { type: 'Ready', status: 'True', lastTransitionTime: startedAt },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: startedAt },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: startedAt },
      ],
      containerStatuses: [
        {
          name: 'agnhost',
          ready: true,
          started: true,
          restartCount: 0,
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
          imageID: '',
          state: { running: { startedAt } },
        },
      ],
    },
  };
}

beforeAll(async () => {
  harness = await startHarness({ controllers: false });
  const { store } = harness.sandbox;
  for (const node of ['expose-tutor-control-plane', 'expose-tutor-worker', 'expose-tutor-worker2'])
    backdate('/nodes', undefined, node, 63 * 24 * 60);
  backdate('/services', 'default', 'kubernetes', 63 * 24 * 60);
  backdate('/services', 'kube-system', 'kube-dns', 63 * 24 * 60);
  store.insert('/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  });

  insert('apps/deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'echo', namespace: ns, labels: { app: 'echo' }, generation: 1 },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'echo' } },
      template: {
        metadata: { labels: { app: 'echo' } },
        spec: {
          containers: [
            { name: 'agnhost', image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1' },
          ],
        },
      },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
    },
    status: {
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    },
  });
  for (const pod of echoPods) insert('/pods', echoPod(pod.name, pod.node, pod.ip));

  createService({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'echo', namespace: ns, labels: { app: 'echo' } },
    spec: {
      clusterIP: '10.96.124.17',
      selector: { app: 'echo' },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    },
  });
  createService({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'echo-nodeport', namespace: ns, labels: { app: 'echo' } },
    spec: {
      type: 'NodePort',
      clusterIP: '10.96.201.5',
      selector: { app: 'echo' },
      ports: [{ port: 80, targetPort: 8080, nodePort: 30176 }],
    },
  });
  createService({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'echo-lb', namespace: ns, labels: { app: 'echo' } },
    spec: {
      type: 'LoadBalancer',
      clusterIP: '10.96.33.8',
      selector: { app: 'echo' },
      ports: [{ port: 80, targetPort: 8080, nodePort: 31245 }],
    },
  });

  insert('discovery.k8s.io/endpointslices', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'echo-7xk2p',
      namespace: ns,
      labels: {
        'kubernetes.io/service-name': 'echo',
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      },
    },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: echoPods.map((pod) => ({
      addresses: [pod.ip],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: pod.node,
      targetRef: { kind: 'Pod', namespace: ns, name: pod.name },
    })),
  });

  insert('/endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'echo', namespace: ns, labels: { app: 'echo' } },
    subsets: [
      {
        addresses: [...echoPods]
          .sort((a, b) => (a.ip < b.ip ? -1 : 1))
          .map((pod) => ({
            ip: pod.ip,
            nodeName: pod.node,
            targetRef: { kind: 'Pod', namespace: ns, name: pod.name },
          })),
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ],
  });

  insert('networking.k8s.io/ingresses', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'echo', namespace: ns, generation: 1 },
    spec: {
      ingressClassName: 'cloud-provider-kind',
      rules: [
        {
          host: 'echo.example.com',
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
      ],
    },
    status: { loadBalancer: { ingress: [{ ip: '172.18.0.100' }] } },
  });
});

afterAll(async () => {
  await harness?.stop();
});

async function kubectl(...args: string[]): Promise<string[]> {
  const result = await harness.kubectl(args);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return result.stdout.split('\n');
}

describe('kubectl get', () => {
  it('prints nodes with roles, age and version', async () => {
    expect(await kubectl('get', 'nodes')).toEqual([
      'NAME                         STATUS   ROLES           AGE   VERSION',
      'expose-tutor-control-plane   Ready    control-plane   63d   v1.36.0',
      'expose-tutor-worker          Ready    <none>          63d   v1.36.0',
      'expose-tutor-worker2         Ready    <none>          63d   v1.36.0',
    ]);
  });

  it('prints pods -o wide with IPs and nodes', async () => {
    expect(await kubectl('get', 'pods', '-n', ns, '-o', 'wide')).toEqual([
      'NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE                   NOMINATED NODE   READINESS GATES',
      'echo-7c9d8f6b5-m8d3z   1/1     Running   0          15m   10.244.2.3   expose-tutor-worker2   <none>           <none>',
      'echo-7c9d8f6b5-p5w7n   1/1     Running   0          15m   10.244.1.6   expose-tutor-worker    <none>           <none>',
      'echo-7c9d8f6b5-x2k4q   1/1     Running   0          15m   10.244.1.5   expose-tutor-worker    <none>           <none>',
    ]);
  });

  it('prints services: port:nodePort for NodePort, <pending> for a LoadBalancer', async () => {
    expect(await kubectl('get', 'svc', '-n', ns)).toEqual([
      'NAME            TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE',
      'echo            ClusterIP      10.96.124.17   <none>        80/TCP         15m',
      'echo-lb         LoadBalancer   10.96.33.8     <pending>     80:31245/TCP   15m',
      'echo-nodeport   NodePort       10.96.201.5    <none>        80:30176/TCP   15m',
    ]);
  });

  it('prints services in every namespace with -A', async () => {
    expect(await kubectl('get', 'svc', '-A')).toEqual([
      'NAMESPACE      NAME            TYPE           CLUSTER-IP     EXTERNAL-IP   PORT(S)                  AGE',
      'default        kubernetes      ClusterIP      10.96.0.1      <none>        443/TCP                  63d',
      'expose-tutor   echo            ClusterIP      10.96.124.17   <none>        80/TCP                   15m',
      'expose-tutor   echo-lb         LoadBalancer   10.96.33.8     <pending>     80:31245/TCP             15m',
      'expose-tutor   echo-nodeport   NodePort       10.96.201.5    <none>        80:30176/TCP             15m',
      'kube-system    kube-dns        ClusterIP      10.96.0.10     <none>        53/UDP,53/TCP,9153/TCP   63d',
    ]);
  });

  it('prints endpointslices with their ports and addresses', async () => {
    expect(await kubectl('get', 'endpointslices', '-n', ns)).toEqual([
      'NAME         ADDRESSTYPE   PORTS   ENDPOINTS                          AGE',
      'echo-7xk2p   IPv4          8080    10.244.2.3,10.244.1.6,10.244.1.5   15m',
    ]);
  });

  it('prints endpoints, with the warning a v1.33+ server gives for the deprecated API', async () => {
    const result = await harness.kubectl(['get', 'endpoints', '-n', ns]);
    expect(result.stderr).toBe(
      'Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
    );
    expect(result.stdout.split('\n')).toEqual([
      'NAME   ENDPOINTS                                         AGE',
      'echo   10.244.1.5:8080,10.244.1.6:8080,10.244.2.3:8080   15m',
    ]);
  });

  it('prints deployments, and containers, images, selector with -o wide', async () => {
    expect(await kubectl('get', 'deploy', '-n', ns)).toEqual([
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE',
      'echo   3/3     3            3           15m',
    ]);
    expect(await kubectl('get', 'deploy', '-n', ns, '-o', 'wide')).toEqual([
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES                                           SELECTOR',
      'echo   3/3     3            3           15m   agnhost      registry.k8s.io/e2e-test-images/agnhost:2.66.1   app=echo',
    ]);
  });

  it('prints ingresses with class, hosts, address and ports', async () => {
    expect(await kubectl('get', 'ingress', '-n', ns)).toEqual([
      'NAME   CLASS                 HOSTS              ADDRESS        PORTS   AGE',
      'echo   cloud-provider-kind   echo.example.com   172.18.0.100   80      15m',
    ]);
  });

  it('adds a LABELS column with --show-labels', async () => {
    expect(await kubectl('get', 'svc', 'echo', '-n', ns, '--show-labels')).toEqual([
      'NAME   TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE   LABELS',
      'echo   ClusterIP   10.96.124.17   <none>        80/TCP    15m   app=echo',
    ]);
  });

  it('adds a column per label with -L', async () => {
    expect(await kubectl('get', 'pods', '-n', ns, '-L', 'app')).toEqual([
      'NAME                   READY   STATUS    RESTARTS   AGE   APP',
      'echo-7c9d8f6b5-m8d3z   1/1     Running   0          15m   echo',
      'echo-7c9d8f6b5-p5w7n   1/1     Running   0          15m   echo',
      'echo-7c9d8f6b5-x2k4q   1/1     Running   0          15m   echo',
    ]);
  });

  it('prints the stored object with -o yaml and -o json', async () => {
    const yaml = parse((await kubectl('get', 'svc', 'echo', '-n', ns, '-o', 'yaml')).join('\n'));
    expect(yaml).toMatchObject({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'echo', namespace: ns, labels: { app: 'echo' } },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.124.17',
        clusterIPs: ['10.96.124.17'],
        ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
        selector: { app: 'echo' },
      },
    });
    const json = JSON.parse((await kubectl('get', 'pods', '-n', ns, '-o', 'json')).join('\n'));
    expect(json.kind).toBe('List');
    expect(
      json.items.map((pod: KubeObject) => [pod.kind, pod.metadata.name, pod.status.podIP]),
    ).toEqual([
      ['Pod', 'echo-7c9d8f6b5-m8d3z', '10.244.2.3'],
      ['Pod', 'echo-7c9d8f6b5-p5w7n', '10.244.1.6'],
      ['Pod', 'echo-7c9d8f6b5-x2k4q', '10.244.1.5'],
    ]);
  });

  it('streams new rows under the same header with -w', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'expose-tutor-watch-'));
    const watch = execa(
      kubectlBinary,
      ['--kubeconfig', harness.kubeconfigPath, '--cache-dir', cacheDir, 'get', 'nodes', '-w'],
      { reject: false },
    );
    let output = '';
    watch.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    try {
      await eventually(() => output.includes('expose-tutor-worker2'), 20_000, 'the node list');
      const node = harness.sandbox.store.get('/nodes', undefined, 'expose-tutor-worker')!;
      node.spec.unschedulable = true;
      harness.sandbox.store.replace('/nodes', node);
      await eventually(() => output.includes('SchedulingDisabled'), 20_000, 'the cordoned node');
    } finally {
      watch.kill();
      await watch;
      rmSync(cacheDir, { recursive: true, force: true });
      const node = harness.sandbox.store.get('/nodes', undefined, 'expose-tutor-worker')!;
      delete node.spec.unschedulable;
      harness.sandbox.store.replace('/nodes', node);
    }
    expect(output.trimEnd().split('\n')).toEqual([
      'NAME                         STATUS   ROLES           AGE   VERSION',
      'expose-tutor-control-plane   Ready    control-plane   63d   v1.36.0',
      'expose-tutor-worker          Ready    <none>          63d   v1.36.0',
      'expose-tutor-worker2         Ready    <none>          63d   v1.36.0',
      'expose-tutor-worker          Ready,SchedulingDisabled   <none>          63d   v1.36.0',
    ]);
  });
});

/** Reads the first `lines` lines of a response from the sandbox, then hangs up. */
function rawGet(
  path: string,
  accept: string,
  lines = Number.POSITIVE_INFINITY,
): Promise<{ status: number; lines: string[] }> {
  const url = new URL(path, harness.sandbox.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        ca: harness.sandbox.caPem,
        headers: { Authorization: `Bearer ${harness.sandbox.token}`, Accept: accept },
      },
      (res) => {
        let body = '';
        const done = () =>
          resolve({ status: res.statusCode ?? 0, lines: body.split('\n').filter(Boolean) });
        res.on('data', (chunk) => {
          body += chunk;
          if (body.split('\n').length > lines) {
            done();
            req.destroy();
          }
        });
        res.on('end', done);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const tableAccept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

describe('server-side Tables', () => {
  const services = `/api/v1/namespaces/${ns}/services`;

  it('embed PartialObjectMetadata by default, the object, or nothing (includeObject)', async () => {
    const byDefault = JSON.parse((await rawGet(services, tableAccept)).lines[0]!);
    expect(byDefault.rows[0].object).toMatchObject({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { name: 'echo', namespace: ns },
    });
    expect(byDefault.rows[0].object.spec).toBeUndefined();
    const whole = JSON.parse(
      (await rawGet(`${services}?includeObject=Object`, tableAccept)).lines[0]!,
    );
    expect(whole.rows[0].object).toMatchObject({
      kind: 'Service',
      spec: { clusterIP: '10.96.124.17' },
    });
    const none = JSON.parse(
      (await rawGet(`${services}?includeObject=None`, tableAccept)).lines[0]!,
    );
    expect(none.rows.map((row: { object: unknown }) => row.object)).toEqual([null, null, null]);
  });

  it('refuse an unknown includeObject', async () => {
    const response = await rawGet(`${services}?includeObject=All`, tableAccept);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.lines[0]!)).toMatchObject({
      reason: 'BadRequest',
      message:
        'Unable to convert to Table as requested: includeObject: Unsupported value: "All": supported values: "", "Metadata", "None", "Object"',
    });
  });

  it('send column definitions with the first watch event only', async () => {
    const response = await rawGet('/api/v1/nodes?watch=true&resourceVersion=0', tableAccept, 2);
    const [first, second] = response.lines.map((line) => JSON.parse(line));
    expect(first.type).toBe('ADDED');
    expect(first.object.kind).toBe('Table');
    expect(first.object.columnDefinitions.map((c: { name: string }) => c.name)).toEqual([
      'Name',
      'Status',
      'Roles',
      'Age',
      'Version',
      'Internal-IP',
      'External-IP',
      'OS-Image',
      'Kernel-Version',
      'Container-Runtime',
    ]);
    expect(second.object.columnDefinitions).toBeNull();
    expect(second.object.rows[0].cells.slice(0, 3)).toEqual([
      'expose-tutor-worker',
      'Ready',
      '<none>',
    ]);
  });

  it('give kubectl whole objects to sort by', async () => {
    expect(await kubectl('get', 'pods', '-n', ns, '--sort-by=.status.podIP')).toEqual([
      'NAME                   READY   STATUS    RESTARTS   AGE',
      'echo-7c9d8f6b5-x2k4q   1/1     Running   0          15m',
      'echo-7c9d8f6b5-p5w7n   1/1     Running   0          15m',
      'echo-7c9d8f6b5-m8d3z   1/1     Running   0          15m',
    ]);
  });
});

describe('kubectl describe', () => {
  it('shows a Service with its endpoints, read from its EndpointSlices', async () => {
    expect(await kubectl('describe', 'svc', 'echo', '-n', ns)).toEqual([
      'Name:                     echo',
      'Namespace:                expose-tutor',
      'Labels:                   app=echo',
      'Annotations:              <none>',
      'Selector:                 app=echo',
      'Type:                     ClusterIP',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      'IP:                       10.96.124.17',
      'IPs:                      10.96.124.17',
      'Port:                     http  80/TCP',
      'TargetPort:               8080/TCP',
      'Endpoints:                10.244.2.3:8080,10.244.1.6:8080,10.244.1.5:8080',
      'Session Affinity:         None',
      'Internal Traffic Policy:  Cluster',
      'Events:                   <none>',
    ]);
  });

  it('shows the backends of an Ingress with their endpoints', async () => {
    expect(await kubectl('describe', 'ingress', 'echo', '-n', ns)).toEqual([
      'Name:             echo',
      'Labels:           <none>',
      'Namespace:        expose-tutor',
      'Address:          172.18.0.100',
      'Ingress Class:    cloud-provider-kind',
      'Default backend:  <default>',
      'Rules:',
      '  Host              Path  Backends',
      '  ----              ----  --------',
      '  echo.example.com  ',
      '                    /   echo:80 (10.244.2.3:8080,10.244.1.6:8080,10.244.1.5:8080)',
      'Annotations:        <none>',
      'Events:             <none>',
    ]);
  });

  it("shows a node's heartbeat Lease and the pods running on it", async () => {
    const lines = await kubectl('describe', 'node', 'expose-tutor-worker');
    const lease = lines.indexOf('Lease:');
    expect(lines.slice(lease, lease + 3)).toEqual([
      'Lease:',
      '  HolderIdentity:  expose-tutor-worker',
      '  AcquireTime:     <unset>',
    ]);
    expect(lines[lease + 3]).toMatch(/^ {2}RenewTime: {7}\w{3}, \d{2} \w{3} \d{4} /);
    expect(lines).toContain('Non-terminated Pods:          (2 in total)');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';
import { runningPod, service } from './networking-fixtures.ts';

let harness: SandboxHarness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
});

const pods = resourceById('/pods');
const services = resourceById('/services');

function createNamespace(name: string): void {
  harness.sandbox.ops.create(resourceById('/namespaces'), {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  });
}

function slicesOf(namespace: string, serviceName: string): Readonly<KubeObject>[] {
  return harness.sandbox.store
    .scan('discovery.k8s.io/endpointslices', namespace)
    .filter((slice) => slice.metadata.labels?.['kubernetes.io/service-name'] === serviceName);
}

function endpointsOf(namespace: string, name: string): Readonly<KubeObject> | undefined {
  return harness.sandbox.store.peek('/endpoints', namespace, name);
}

function addPod(pod: KubeObject): KubeObject {
  return harness.sandbox.store.insert('/pods', pod);
}

/** Rewrites a pod as its kubelet would (raw store write: status included). */
function changePod(namespace: string, name: string, change: (pod: KubeObject) => void): void {
  const pod = harness.sandbox.store.get('/pods', namespace, name)!;
  change(pod);
  harness.sandbox.store.replace('/pods', pod);
}

describe('the EndpointSlice and Endpoints controllers', () => {
  it('lists every ready pod the selector matches, like kube-controller-manager', async () => {
    createNamespace('ready');
    const created = [1, 2, 3].map((n) =>
      addPod(runningPod({ name: `echo-${n}`, namespace: 'ready', ip: `10.244.1.${10 + n}` })),
    );
    addPod(
      runningPod({ name: 'other', namespace: 'ready', ip: '10.244.1.99', labels: { app: 'x' } }),
    );
    const svc = harness.sandbox.ops.create(
      services,
      service({ name: 'echo', namespace: 'ready', labels: { app: 'echo' } }),
    ).object;

    const [slice] = await eventually(() => {
      const found = slicesOf('ready', 'echo');
      return found.length === 1 && found[0]!.endpoints?.length === 3 && found;
    });
    expect(slice!.metadata.name).toMatch(/^echo-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(slice!.metadata.generateName).toBe('echo-');
    expect(slice!.metadata.labels).toEqual({
      app: 'echo',
      'kubernetes.io/service-name': 'echo',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slice!.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Service',
        name: 'echo',
        uid: svc.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(slice!.addressType).toBe('IPv4');
    expect(slice!.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 8080 }]);
    expect(slice!.endpoints).toEqual(
      created.map((pod, i) => ({
        addresses: [`10.244.1.${11 + i}`],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: {
          kind: 'Pod',
          namespace: 'ready',
          name: `echo-${i + 1}`,
          uid: pod.metadata.uid,
        },
        nodeName: 'expose-tutor-worker',
      })),
    );

    const endpoints = await eventually(() => endpointsOf('ready', 'echo'));
    expect(endpoints.metadata.labels).toEqual({
      app: 'echo',
      'endpoints.kubernetes.io/managed-by': 'endpoint-controller',
    });
    expect(endpoints.metadata.ownerReferences).toBeUndefined();
    expect(endpoints.subsets).toEqual([
      {
        addresses: created.map((pod, i) => ({
          ip: `10.244.1.${11 + i}`,
          nodeName: 'expose-tutor-worker',
          targetRef: {
            kind: 'Pod',
            namespace: 'ready',
            name: pod.metadata.name,
            uid: pod.metadata.uid,
          },
        })),
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('follows readiness, termination and deletion of pods', async () => {
    createNamespace('churn');
    for (const n of [1, 2]) {
      addPod(runningPod({ name: `web-${n}`, namespace: 'churn', ip: `10.244.2.${n}` }));
    }
    harness.sandbox.ops.create(services, service({ name: 'web', namespace: 'churn' }));
    await eventually(() => slicesOf('churn', 'web')[0]?.endpoints?.length === 2);

    changePod('churn', 'web-1', (pod) => {
      pod.status.conditions = [
        { type: 'Ready', status: 'False', lastTransitionTime: '2026-01-01T00:01:00Z' },
      ];
    });
    const notReady = await eventually(() =>
      slicesOf('churn', 'web')[0]?.endpoints?.find(
        (e: KubeObject) => e.targetRef.name === 'web-1' && e.conditions.ready === false,
      ),
    );
    expect(notReady.conditions).toEqual({ ready: false, serving: false, terminating: false });
    const endpoints = await eventually(
      () =>
        endpointsOf('churn', 'web')?.subsets?.[0]?.notReadyAddresses && endpointsOf('churn', 'web'),
    );
    expect(endpoints.subsets[0].addresses.map((a: KubeObject) => a.ip)).toEqual(['10.244.2.2']);
    expect(endpoints.subsets[0].notReadyAddresses.map((a: KubeObject) => a.ip)).toEqual([
      '10.244.2.1',
    ]);
    expect(
      endpoints.metadata.annotations?.['endpoints.kubernetes.io/last-change-trigger-time'],
    ).toBe('2026-01-01T00:01:00Z');

    // Every version of the slice and the Endpoints is recorded: a terminating pod may be
    // removed quickly (by a kubelet), and what matters is what was published meanwhile.
    const published: { kind: string; object: KubeObject }[] = [];
    const stopRecording = harness.sandbox.store.subscribe((event) => {
      const object = event.object;
      if (object.metadata.namespace !== 'churn') return;
      if (event.resource === 'discovery.k8s.io/endpointslices' || event.resource === '/endpoints') {
        published.push({ kind: object.kind, object: structuredClone(object) });
      }
    });
    changePod('churn', 'web-2', (pod) => {
      pod.metadata.deletionTimestamp = '2026-01-01T00:02:00Z';
      pod.metadata.deletionGracePeriodSeconds = 30;
    });
    const terminating = await eventually(() =>
      published
        .filter((p) => p.kind === 'EndpointSlice')
        .flatMap((p) => p.object.endpoints ?? [])
        .find((e: KubeObject) => e.targetRef.name === 'web-2' && e.conditions.terminating),
    );
    expect(terminating.conditions).toEqual({ ready: false, serving: true, terminating: true });
    // Endpoints drop terminating pods altogether: only the not-ready web-1 is left.
    const withoutTerminating = await eventually(() =>
      published.find((p) => p.kind === 'Endpoints' && !p.object.subsets?.[0]?.addresses),
    );
    expect(withoutTerminating.object.subsets).toEqual([
      expect.objectContaining({
        notReadyAddresses: [expect.objectContaining({ ip: '10.244.2.1' })],
      }),
    ]);
    stopRecording();

    for (const name of ['web-2', 'web-1']) {
      if (harness.sandbox.store.peek('/pods', 'churn', name)) {
        harness.sandbox.ops.delete(pods, 'churn', name, { gracePeriodSeconds: 0 });
      }
      await eventually(() => !harness.sandbox.store.peek('/pods', 'churn', name));
    }
    const [empty] = await eventually(() => {
      const found = slicesOf('churn', 'web');
      return found.length === 1 && found[0]!.endpoints === null && found;
    });
    expect(empty!.ports).toBeNull();
    await eventually(
      () => endpointsOf('churn', 'web') && !('subsets' in endpointsOf('churn', 'web')!),
    );
  });

  it('gives a selector that matches nothing an empty slice and Endpoints without subsets', async () => {
    createNamespace('lonely');
    addPod(
      runningPod({ name: 'api-1', namespace: 'lonely', ip: '10.244.1.50', labels: { app: 'api' } }),
    );
    harness.sandbox.ops.create(
      services,
      service({ name: 'api', namespace: 'lonely', selector: { app: 'api-v2' } }),
    );
    const result = await eventually(async () => {
      const out = await harness.kubectl(['get', 'endpointslices', '-n', 'lonely', '-o', 'json']);
      const items = JSON.parse(out.stdout).items;
      return items.length === 1 && items[0];
    });
    expect(result.endpoints).toBeNull();
    expect(result.ports).toBeNull();
    const endpoints = await eventually(async () => {
      const out = await harness.kubectl(['get', 'endpoints', 'api', '-n', 'lonely', '-o', 'json']);
      return out.exitCode === 0 && JSON.parse(out.stdout);
    });
    expect(endpoints.subsets).toBeUndefined();

    // Fixing the selector brings the pod in, in the same slice.
    const fixed = harness.sandbox.store.get('/services', 'lonely', 'api')!;
    fixed.spec.selector = { app: 'api' };
    harness.sandbox.ops.update(services, fixed);
    const [slice] = await eventually(() => {
      const found = slicesOf('lonely', 'api');
      return found.length === 1 && found[0]!.endpoints?.length === 1 && found;
    });
    expect(slice!.metadata.name).toBe(result.metadata.name);
    expect(slice!.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 8080 }]);
  });

  it('resolves a named targetPort through each pod, grouping pods without it apart', async () => {
    createNamespace('named');
    addPod(
      runningPod({
        name: 'new-1',
        namespace: 'named',
        ip: '10.244.1.61',
        containerPorts: [{ name: 'web', containerPort: 9376, protocol: 'TCP' }],
      }),
    );
    addPod(
      runningPod({
        name: 'old-1',
        namespace: 'named',
        ip: '10.244.1.62',
        containerPorts: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }],
      }),
    );
    addPod(
      runningPod({ name: 'bare-1', namespace: 'named', ip: '10.244.1.63', containerPorts: [] }),
    );
    harness.sandbox.ops.create(
      services,
      service({
        name: 'web',
        namespace: 'named',
        ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' }],
      }),
    );
    const found = await eventually(() => {
      const slices = slicesOf('named', 'web');
      return slices.length === 3 && slices;
    });
    const byPod = Object.fromEntries(
      found.map((slice) => [slice.endpoints[0].targetRef.name, slice.ports]),
    );
    expect(byPod).toEqual({
      'new-1': [{ name: 'http', protocol: 'TCP', port: 9376 }],
      'old-1': [{ name: 'http', protocol: 'TCP', port: 8080 }],
      'bare-1': null,
    });
    const endpoints = await eventually(
      () => endpointsOf('named', 'web')?.subsets?.length === 2 && endpointsOf('named', 'web'),
    );
    expect(endpoints.subsets.map((s: KubeObject) => [s.addresses[0].ip, s.ports[0].port])).toEqual([
      ['10.244.1.61', 9376],
      ['10.244.1.62', 8080],
    ]);
  });

  it('labels headless Services, honours publishNotReadyAddresses, skips pods without an IP', async () => {
    createNamespace('headless');
    addPod(runningPod({ name: 'db-0', namespace: 'headless', ip: '10.244.2.20', ready: false }));
    addPod(runningPod({ name: 'db-1', namespace: 'headless' }));
    harness.sandbox.ops.create(
      services,
      service({
        name: 'db',
        namespace: 'headless',
        clusterIP: 'None',
        extraSpec: { publishNotReadyAddresses: true },
      }),
    );
    const [slice] = await eventually(() => {
      const found = slicesOf('headless', 'db');
      return found[0]?.endpoints?.length === 1 && found;
    });
    expect(slice!.metadata.labels?.['service.kubernetes.io/headless']).toBe('');
    expect(slice!.endpoints[0].conditions).toEqual({
      ready: true,
      serving: false,
      terminating: false,
    });
    const endpoints = await eventually(() => endpointsOf('headless', 'db'));
    expect(endpoints.metadata.labels?.['service.kubernetes.io/headless']).toBe('');
    expect(endpoints.subsets[0].addresses.map((a: KubeObject) => a.ip)).toEqual(['10.244.2.20']);
  });

  it('leaves Services without a selector alone and deletes Endpoints with their Service', async () => {
    createNamespace('manual');
    addPod(runningPod({ name: 'x-1', namespace: 'manual', ip: '10.244.1.70' }));
    harness.sandbox.ops.create(
      services,
      service({ name: 'manual', namespace: 'manual', selector: undefined }),
    );
    harness.sandbox.ops.create(services, service({ name: 'auto', namespace: 'manual' }));
    await eventually(() => endpointsOf('manual', 'auto'));
    await eventually(() => slicesOf('manual', 'auto').length === 1);
    expect(slicesOf('manual', 'manual')).toEqual([]);
    expect(endpointsOf('manual', 'manual')).toBeUndefined();

    harness.sandbox.ops.delete(services, 'manual', 'auto');
    await eventually(() => endpointsOf('manual', 'auto') === undefined);
  });

  it('shows the endpoints in kubectl get', async () => {
    const slices = await eventually(async () => {
      const out = await harness.kubectl(['get', 'endpointslices', '-n', 'ready']);
      return out.stdout.includes('10.244.1.11') && out.stdout;
    });
    expect(slices).toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE/);
    expect(slices).toMatch(
      /echo-\w{5}\s+IPv4\s+8080\s+10\.244\.1\.11,10\.244\.1\.12,10\.244\.1\.13\s/,
    );
  });
});

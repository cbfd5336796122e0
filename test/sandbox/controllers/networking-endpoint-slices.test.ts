import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import {
  reconcileEndpointSlices,
  type SliceInputs,
} from '../../../source/sandbox/controllers/endpoints/endpoint-slice-reconciler.ts';
import { endpointsSubsets } from '../../../source/sandbox/controllers/endpoints/endpoints-subsets.ts';
import { TriggerTimeTracker } from '../../../source/sandbox/controllers/endpoints/trigger-time-tracker.ts';
import { runningPod, service } from './networking-fixtures.ts';

const svc: KubeObject = {
  ...service({
    name: 'echo',
    clusterIP: '10.96.100.10',
    labels: { app: 'echo', 'kubernetes.io/service-name': 'spoof' },
  }),
  metadata: { name: 'echo', namespace: 'default', uid: 'svc-uid', labels: { app: 'echo' } },
};
const nodes = new Map<string, Record<string, string>>([
  ['expose-tutor-worker', { 'kubernetes.io/hostname': 'expose-tutor-worker' }],
  ['expose-tutor-worker2', { 'topology.kubernetes.io/zone': 'zone-b' }],
]);

function pod(n: number, options: Partial<Parameters<typeof runningPod>[0]> = {}): KubeObject {
  return runningPod({
    name: `echo-${String(n).padStart(3, '0')}`,
    uid: `uid-${n}`,
    ip: `10.244.${Math.floor(n / 250) + 1}.${(n % 250) + 1}`,
    ...options,
  });
}

function reconcile(overrides: Partial<SliceInputs>) {
  return reconcileEndpointSlices({ service: svc, pods: [], nodes, existing: [], ...overrides });
}

/** What the API server would store for a created slice. */
function stored(slice: KubeObject, name: string): KubeObject {
  return { ...slice, metadata: { ...slice.metadata, name, resourceVersion: '1' } };
}

describe('reconcileEndpointSlices', () => {
  it('creates one slice with an endpoint per ready pod and the resolved ports', () => {
    const changes = reconcile({ pods: [pod(2), pod(1)] });
    expect(changes.update).toEqual([]);
    expect(changes.remove).toEqual([]);
    expect(changes.create).toEqual([
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: 'echo-',
          namespace: 'default',
          labels: {
            app: 'echo',
            'kubernetes.io/service-name': 'echo',
            'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
          },
          ownerReferences: [
            {
              apiVersion: 'v1',
              kind: 'Service',
              name: 'echo',
              uid: 'svc-uid',
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        addressType: 'IPv4',
        endpoints: [1, 2].map((n) => ({
          addresses: [`10.244.1.${n + 1}`],
          conditions: { ready: true, serving: true, terminating: false },
          targetRef: { kind: 'Pod', namespace: 'default', name: `echo-00${n}`, uid: `uid-${n}` },
          nodeName: 'expose-tutor-worker',
        })),
        ports: [{ name: 'http', protocol: 'TCP', port: 8080 }],
      },
    ]);
  });

  it('splits 250 endpoints into slices of at most 100', () => {
    const pods = Array.from({ length: 250 }, (_, n) => pod(n));
    const changes = reconcile({ pods });
    expect(changes.create.map((slice) => slice.endpoints.length)).toEqual([100, 100, 50]);
  });

  it('reports terminating, not-ready and zoned endpoints as the real controller does', () => {
    const terminating = pod(1);
    terminating.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    const notReady = pod(2, { ready: false, node: 'expose-tutor-worker2' });
    const [slice] = reconcile({ pods: [terminating, notReady] }).create;
    expect(slice!.endpoints.map((e: KubeObject) => [e.conditions, e.zone])).toEqual([
      [{ ready: false, serving: true, terminating: true }, undefined],
      [{ ready: false, serving: false, terminating: false }, 'zone-b'],
    ]);
  });

  it('skips pods without an IP, finished pods and pods on nodes that do not exist', () => {
    const finished = pod(3);
    finished.status.phase = 'Succeeded';
    const changes = reconcile({
      pods: [pod(1, { ip: '' }), pod(2, { node: 'gone' }), finished, pod(4)],
    });
    expect(changes.create[0]!.endpoints.map((e: KubeObject) => e.targetRef.name)).toEqual([
      'echo-004',
    ]);
  });

  it('updates a slice in place when a pod leaves, keeping the others where they are', () => {
    const [created] = reconcile({ pods: [pod(1), pod(2), pod(3)] }).create;
    const existing = stored(created!, 'echo-abcde');
    const changes = reconcile({ pods: [pod(3), pod(1)], existing: [existing] });
    expect(changes.create).toEqual([]);
    expect(changes.remove).toEqual([]);
    expect(changes.update).toHaveLength(1);
    expect(changes.update[0]!.metadata.name).toBe('echo-abcde');
    expect(changes.update[0]!.metadata.resourceVersion).toBe('1');
    expect(changes.update[0]!.endpoints.map((e: KubeObject) => e.targetRef.name)).toEqual([
      'echo-001',
      'echo-003',
    ]);
  });

  it('changes nothing when the slices already say what the pods say', () => {
    const [created] = reconcile({ pods: [pod(1)] }).create;
    const changes = reconcile({ pods: [pod(1)], existing: [stored(created!, 'echo-abcde')] });
    expect(changes).toEqual({ create: [], update: [], remove: [] });
  });

  it('turns the last slice into an empty placeholder when no pod matches any more', () => {
    const [created] = reconcile({ pods: [pod(1)] }).create;
    const changes = reconcile({ pods: [], existing: [stored(created!, 'echo-abcde')] });
    expect(changes.create).toEqual([]);
    expect(changes.remove).toEqual([]);
    expect(changes.update).toHaveLength(1);
    expect(changes.update[0]!.metadata.name).toBe('echo-abcde');
    expect(changes.update[0]!.endpoints).toBeNull();
    expect(changes.update[0]!.ports).toBeNull();
  });

  it('keeps an existing placeholder rather than recreating it', () => {
    const [placeholder] = reconcile({ pods: [] }).create;
    expect(placeholder!.endpoints).toBeNull();
    const changes = reconcile({ pods: [], existing: [stored(placeholder!, 'echo-zzzzz')] });
    expect(changes).toEqual({ create: [], update: [], remove: [] });
  });

  it('replaces slices left behind by an earlier Service of the same name', () => {
    const [created] = reconcile({ pods: [pod(1)] }).create;
    const orphan = stored(created!, 'echo-old00');
    orphan.metadata.ownerReferences = [{ ...orphan.metadata.ownerReferences![0]!, uid: 'old' }];
    const changes = reconcile({ pods: [pod(1)], existing: [orphan] });
    expect(changes.remove.map((slice) => slice.metadata.name)).toEqual(['echo-old00']);
    expect(changes.create).toHaveLength(1);
  });

  it('stamps the trigger time on the slices it writes', () => {
    const [created] = reconcile({ pods: [pod(1)], triggerTime: '2026-01-01T00:00:00Z' }).create;
    expect(created!.metadata.annotations).toEqual({
      'endpoints.kubernetes.io/last-change-trigger-time': '2026-01-01T00:00:00Z',
    });
  });

  it('labels the slices of a headless Service', () => {
    const headless = { ...svc, spec: { ...svc.spec, clusterIP: 'None', clusterIPs: ['None'] } };
    const [created] = reconcile({ service: headless, pods: [pod(1)] }).create;
    expect(created!.metadata.labels?.['service.kubernetes.io/headless']).toBe('');
  });
});

describe('endpointsSubsets', () => {
  it('puts ready and not-ready pods in one subset when they offer the same ports', () => {
    const subsets = endpointsSubsets(svc, [pod(2, { ready: false }), pod(1)]);
    expect(subsets).toEqual([
      {
        addresses: [
          {
            ip: '10.244.1.2',
            nodeName: 'expose-tutor-worker',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'echo-001', uid: 'uid-1' },
          },
        ],
        notReadyAddresses: [
          {
            ip: '10.244.1.3',
            nodeName: 'expose-tutor-worker',
            targetRef: { kind: 'Pod', namespace: 'default', name: 'echo-002', uid: 'uid-2' },
          },
        ],
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      },
    ]);
  });

  it('repacks ports by the exact set of addresses behind them', () => {
    const twoPorts = {
      ...svc,
      spec: {
        ...svc.spec,
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
          { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9090 },
        ],
      },
    };
    const same = endpointsSubsets(twoPorts, [pod(1), pod(2)]);
    expect(same.map((s) => [s.addresses.map((a: KubeObject) => a.ip), s.ports])).toEqual([
      [
        ['10.244.1.2', '10.244.1.3'],
        [
          { name: 'http', port: 8080, protocol: 'TCP' },
          { name: 'metrics', port: 9090, protocol: 'TCP' },
        ],
      ],
    ]);
    // A pod without the named port serves only `metrics`: the two ports now differ in addresses.
    const withoutHttp = pod(3, { containerPorts: [] });
    const split = endpointsSubsets(twoPorts, [pod(1), pod(2), withoutHttp]);
    expect(split.map((s) => [s.addresses.map((a: KubeObject) => a.ip), s.ports])).toEqual([
      [['10.244.1.2', '10.244.1.3'], [{ name: 'http', port: 8080, protocol: 'TCP' }]],
      [
        ['10.244.1.2', '10.244.1.3', '10.244.1.4'],
        [{ name: 'metrics', port: 9090, protocol: 'TCP' }],
      ],
    ]);
  });

  it('has no subsets when nothing matches, and leaves terminating pods out', () => {
    const terminating = pod(1);
    terminating.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    expect(endpointsSubsets(svc, [])).toEqual([]);
    expect(endpointsSubsets(svc, [terminating])).toEqual([]);
  });
});

describe('TriggerTimeTracker', () => {
  it('reports the earliest unseen change once, then nothing until something changes', () => {
    const tracker = new TriggerTimeTracker();
    const created = {
      ...svc,
      metadata: { ...svc.metadata, creationTimestamp: '2026-01-01T00:00:05Z' },
    };
    const ready = pod(1);
    ready.status.conditions[0].lastTransitionTime = '2026-01-01T00:00:09Z';
    expect(tracker.compute(created, [ready])).toBe('2026-01-01T00:00:05Z');
    expect(tracker.compute(created, [ready])).toBeUndefined();
    ready.status.conditions[0].lastTransitionTime = '2026-01-01T00:01:00.5Z';
    expect(tracker.compute(created, [ready])).toBe('2026-01-01T00:01:00.5Z');
  });
});

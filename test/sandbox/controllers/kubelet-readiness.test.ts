import { afterEach, describe, expect, it } from 'vitest';
import { createKindStrategies } from '../../../source/sandbox/admission/strategies.ts';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { ResourceOps } from '../../../source/sandbox/api/resource-ops.ts';
import { seedCluster } from '../../../source/sandbox/cluster/seed.ts';
import type { ControllerContext } from '../../../source/sandbox/controllers/controller.ts';
import { createKubelet } from '../../../source/sandbox/controllers/kubelet/kubelet.ts';
import { scheduler } from '../../../source/sandbox/controllers/scheduling/scheduler.ts';
import { serviceAccountController } from '../../../source/sandbox/controllers/serviceaccount-controller.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { ObjectStore } from '../../../source/sandbox/store/object-store.ts';
import { eventually } from '../../support/sandbox.ts';

/** The kubelet's readiness hook, which the data plane replaces with a real HTTP probe. */

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function cluster(readinessCheck: (pod: Readonly<KubeObject>) => boolean | Promise<boolean>) {
  const ops = new ResourceOps(new ObjectStore(), createKindStrategies());
  seedCluster(ops);
  const timers = new Set<NodeJS.Timeout>();
  const ctx: ControllerContext = {
    ops,
    store: ops.store,
    options: { pace: 0, loadBalancer: true },
    after(_ms, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, 0);
      timers.add(timer);
    },
  };
  for (const controller of [serviceAccountController, scheduler, createKubelet({ readinessCheck })])
    stops.push(controller.start(ctx));
  stops.push(() => {
    for (const timer of timers) clearTimeout(timer);
  });
  return ops;
}

function pod(name: string, readinessProbe?: Json): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
          ...(readinessProbe ? { readinessProbe } : {}),
        },
      ],
    },
  };
}

const ready = (ops: ResourceOps, name: string) =>
  ops.store
    .peek('/pods', 'default', name)
    ?.status?.conditions?.find((c: Json) => c.type === 'Ready')?.status;

describe('kubelet readiness', () => {
  it('marks a pod Ready only once the check says so, and un-ready when a probe starts failing', async () => {
    let healthy = false;
    const asked: string[] = [];
    const ops = cluster((p) => {
      asked.push(p.metadata.name!);
      return healthy;
    });
    const probe = { httpGet: { path: '/readyz', port: 8080 }, periodSeconds: 1 };
    ops.create(resourceById('/pods'), pod('probed', probe));
    await eventually(() => asked.length > 0);
    const running = ops.store.peek('/pods', 'default', 'probed')!;
    expect(running.status.phase).toBe('Running');
    expect(ready(ops, 'probed')).toBe('False');
    expect(running.status.conditions.find((c: Json) => c.type === 'Ready')).toMatchObject({
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [web]',
    });
    expect(running.status.containerStatuses[0]).toMatchObject({ ready: false, started: true });

    healthy = true;
    await eventually(() => ready(ops, 'probed') === 'True', 10_000);
    healthy = false;
    await eventually(() => ready(ops, 'probed') === 'False', 10_000);
  });

  it('takes an asynchronous answer', async () => {
    const ops = cluster(async () => true);
    ops.create(resourceById('/pods'), pod('async'));
    await eventually(() => ready(ops, 'async') === 'True');
  });
});

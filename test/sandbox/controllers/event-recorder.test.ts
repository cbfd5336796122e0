import { describe, expect, it } from 'vitest';
import { createKindStrategies } from '../../../source/sandbox/admission/strategies.ts';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { ResourceOps } from '../../../source/sandbox/api/resource-ops.ts';
import { seedCluster } from '../../../source/sandbox/cluster/seed.ts';
import { createEventRecorder } from '../../../source/sandbox/controllers/event-recorder.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { ObjectStore } from '../../../source/sandbox/store/object-store.ts';

function setup(): { ops: ResourceOps; deployment: KubeObject } {
  const ops = new ResourceOps(new ObjectStore(), createKindStrategies());
  seedCluster(ops);
  const deployment = ops.create(resourceById('apps/deployments'), {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'echo', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'echo' } },
      template: {
        metadata: { labels: { app: 'echo' } },
        spec: {
          containers: [{ name: 'echo', image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1' }],
        },
      },
    },
  }).object;
  return { ops, deployment };
}

describe('the event recorder', () => {
  it('writes core/v1 Events the way client-go’s recorder does', () => {
    const { ops, deployment } = setup();
    createEventRecorder(ops, { component: 'deployment-controller' }).normal(
      deployment,
      'ScalingReplicaSet',
      'Scaled up replica set echo-5d8f from 0 to 3',
    );
    const [event] = ops.store.scan('/events', 'default');
    expect(event!.metadata.name).toMatch(/^echo\.[0-9a-f]{12,}$/);
    expect(event).toMatchObject({
      involvedObject: {
        kind: 'Deployment',
        namespace: 'default',
        name: 'echo',
        uid: deployment.metadata.uid,
        apiVersion: 'apps/v1',
        resourceVersion: deployment.metadata.resourceVersion,
      },
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set echo-5d8f from 0 to 3',
      type: 'Normal',
      source: { component: 'deployment-controller' },
      reportingComponent: 'deployment-controller',
      reportingInstance: '',
      count: 1,
      eventTime: null,
    });
    expect(event!.firstTimestamp).toBe(event!.lastTimestamp);
  });

  it('folds repeats into one Event with a count', () => {
    const { ops, deployment } = setup();
    const recorder = createEventRecorder(ops, {
      component: 'kubelet',
      host: 'expose-tutor-worker',
    });
    for (let i = 0; i < 3; i++) recorder.warning(deployment, 'BackOff', 'Back-off restarting');
    recorder.warning(deployment, 'BackOff', 'something else');
    const events = ops.store.scan('/events', 'default');
    expect(events.map((e) => [e.message, e.count])).toEqual(
      expect.arrayContaining([
        ['Back-off restarting', 3],
        ['something else', 1],
      ]),
    );
    expect(events).toHaveLength(2);
    expect(events[0]!.source).toEqual({ component: 'kubelet', host: 'expose-tutor-worker' });
  });

  it('writes events.k8s.io-style events for the scheduler, with a series on repeats', () => {
    const { ops, deployment } = setup();
    const recorder = createEventRecorder(ops, {
      component: 'default-scheduler',
      api: 'events',
      instance: 'default-scheduler-expose-tutor-control-plane',
    });
    recorder.warning(deployment, 'FailedScheduling', '0/3 nodes are available', {
      action: 'Scheduling',
    });
    const [first] = ops.store.scan('/events', 'default');
    expect(first).toMatchObject({
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      action: 'Scheduling',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-expose-tutor-control-plane',
    });
    expect(first!.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    recorder.warning(deployment, 'FailedScheduling', '0/3 nodes are available', {
      action: 'Scheduling',
    });
    const [again] = ops.store.scan('/events', 'default');
    expect(again!.series.count).toBe(2);
  });

  it('files events about cluster-scoped objects in the default namespace', () => {
    const { ops } = setup();
    const node = ops.store.get('/nodes', undefined, 'expose-tutor-worker')!;
    createEventRecorder(ops, { component: 'kubelet', host: 'expose-tutor-worker' }).normal(
      node,
      'Starting',
      'Starting kubelet.',
    );
    const [event] = ops.store.scan('/events', 'default');
    expect(event!.involvedObject).toMatchObject({ kind: 'Node', name: 'expose-tutor-worker' });
    expect(event!.involvedObject.namespace).toBeUndefined();
  });
});

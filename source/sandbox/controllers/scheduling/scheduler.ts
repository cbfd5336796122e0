import type { Json, KubeObject } from '../../api/kube-object.ts';
import { bindPod } from '../../api/pod-binding.ts';
import { clusterName } from '../../cluster/topology.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { Controller } from '../controller.ts';
import { createEventRecorder } from '../event-recorder.ts';
import { fieldManagers } from '../field-managers.ts';
import { isPodTerminal } from '../pod-state.ts';
import { keyOf, retryingQueue, splitKey } from '../retrying-queue.ts';
import { chooseNode } from './scheduling-choice.ts';

const podsId = '/pods';
const nodesId = '/nodes';

function awaitsScheduling(pod: Readonly<KubeObject>): boolean {
  return (
    !pod.spec?.nodeName &&
    !pod.metadata.deletionTimestamp &&
    (pod.spec?.schedulerName ?? 'default-scheduler') === 'default-scheduler'
  );
}

/**
 * kube-scheduler: binds every pending pod to a node that fits, or marks it
 * `PodScheduled=False` with the real FailedScheduling message. Unschedulable pods are tried
 * again when nodes change or a bound pod goes away (freeing ports and resources).
 */
export const scheduler: Controller = {
  name: 'scheduler',
  start(ctx) {
    const { store } = ctx;
    const podsDef = resourceById(podsId);
    const recorder = createEventRecorder(ctx.ops, {
      component: 'default-scheduler',
      api: 'events',
      instance: `default-scheduler-${clusterName}-control-plane`,
    });
    /** The last FailedScheduling message per pod uid, so one attempt gives one event. */
    const lastFailure = new Map<string, string>();

    const queue = retryingQueue(ctx, (key) => {
      const { namespace, name } = splitKey(key);
      const pod = store.peek(podsId, namespace, name);
      if (!pod || !awaitsScheduling(pod)) return;
      const uid = pod.metadata.uid!;
      const bound = store.scan(podsId).filter((p) => p.spec?.nodeName && !isPodTerminal(p));
      const choice = chooseNode(pod, store.scan(nodesId), bound);
      if ('nodeName' in choice) {
        const scheduled = bindPod(ctx.ops, namespace!, name, { nodeName: choice.nodeName, uid });
        lastFailure.delete(uid);
        recorder.normal(
          scheduled,
          'Scheduled',
          `Successfully assigned ${namespace}/${name} to ${choice.nodeName}`,
          { action: 'Binding' },
        );
        return;
      }
      const message = choice.unschedulable;
      if (lastFailure.get(uid) === message) return;
      lastFailure.set(uid, message);
      markUnschedulable(pod, message);
      recorder.warning(pod, 'FailedScheduling', message, { action: 'Scheduling' });
    });

    function markUnschedulable(pod: Readonly<KubeObject>, message: string): void {
      const conditions: Json[] = pod.status?.conditions ?? [];
      const current = conditions.find((c) => c.type === 'PodScheduled');
      if (current?.status === 'False' && current.message === message) return;
      const condition = {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime:
          current?.status === 'False' ? current.lastTransitionTime : ctx.store.now(),
        reason: 'Unschedulable',
        message,
        ...(pod.metadata.generation ? { observedGeneration: pod.metadata.generation } : {}),
      };
      ctx.ops.update(
        podsDef,
        {
          ...pod,
          status: {
            phase: 'Pending',
            ...pod.status,
            conditions: [...conditions.filter((c) => c.type !== 'PodScheduled'), condition],
          },
        },
        { subresource: 'status', fieldManager: fieldManagers.scheduler },
      );
    }

    function retryUnschedulable(): void {
      for (const pod of store.scan(podsId)) {
        if (!awaitsScheduling(pod)) continue;
        lastFailure.delete(pod.metadata.uid!);
        queue.add(keyOf(pod));
      }
    }

    const unsubscribe = store.subscribe((event) => {
      if (event.resource === nodesId) {
        retryUnschedulable();
        return;
      }
      if (event.resource !== podsId) return;
      if (event.type === 'DELETED') {
        lastFailure.delete(event.object.metadata.uid!);
        if (event.object.spec?.nodeName) retryUnschedulable();
        return;
      }
      if (awaitsScheduling(event.object)) queue.add(keyOf(event.object));
    });
    for (const pod of store.scan(podsId)) if (awaitsScheduling(pod)) queue.add(keyOf(pod));

    return () => {
      unsubscribe();
      queue.stop();
    };
  },
};

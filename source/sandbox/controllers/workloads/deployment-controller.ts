import { labelSelectorMatches } from '../../api/selectors.ts';
import type { Controller } from '../controller.ts';
import { createEventRecorder } from '../event-recorder.ts';
import { controllerRefOf } from '../owner-references.ts';
import { isPodTerminal } from '../pod-state.ts';
import { keyOf, retryingQueue, splitKey } from '../retrying-queue.ts';
import { UserTimers } from '../user-timers.ts';
import { DeploymentSync } from './deployment-sync.ts';

const deploymentsId = 'apps/deployments';
const replicaSetsId = 'apps/replicasets';
const podsId = '/pods';

/**
 * The Deployment controller: turns each Deployment into ReplicaSets named
 * `<deployment>-<pod-template-hash>` and moves replicas between them (see DeploymentSync).
 * It watches Deployments, the ReplicaSets they own, and for Recreate the pods going away.
 */
export const deploymentController: Controller = {
  name: 'deployment-controller',
  start(ctx) {
    const { store } = ctx;
    const recorder = createEventRecorder(ctx.ops, { component: 'deployment-controller' });
    const timers = new UserTimers();
    const deadlines = new Map<string, () => void>();

    const queue = retryingQueue(ctx, (key) => {
      const { namespace, name } = splitKey(key);
      const deployment = store.get(deploymentsId, namespace, name);
      if (!deployment) return;
      const requeueAfter = (ms: number) => {
        deadlines.get(key)?.();
        deadlines.set(
          key,
          timers.set(ms, () => {
            deadlines.delete(key);
            queue.add(key);
          }),
        );
      };
      new DeploymentSync({ ops: ctx.ops, recorder, requeueAfter }, deployment).run();
    });

    const unsubscribe = store.subscribe((event) => {
      const object = event.object;
      const namespace = object.metadata.namespace;
      if (event.resource === deploymentsId) {
        if (event.type === 'DELETED') {
          deadlines.get(keyOf(object))?.();
          deadlines.delete(keyOf(object));
        } else queue.add(keyOf(object));
        return;
      }
      if (event.resource === replicaSetsId) {
        const ref = controllerRefOf(object);
        if (ref) {
          if (ref.kind === 'Deployment') queue.add(`${namespace}/${ref.name}`);
          return;
        }
        if (event.type === 'DELETED') return;
        for (const deployment of store.scan(deploymentsId, namespace)) {
          if (labelSelectorMatches(deployment.spec?.selector, object.metadata.labels))
            queue.add(keyOf(deployment));
        }
        return;
      }
      // Recreate waits for the old pods to be gone, so their disappearance matters.
      if (event.resource !== podsId || (event.type !== 'DELETED' && !isPodTerminal(object))) return;
      const rsRef = controllerRefOf(object);
      if (rsRef?.kind !== 'ReplicaSet') return;
      const rs = store.peek(replicaSetsId, namespace, rsRef.name);
      const deploymentRef = rs && controllerRefOf(rs);
      if (deploymentRef?.kind !== 'Deployment') return;
      const deployment = store.peek(deploymentsId, namespace, deploymentRef.name);
      if (deployment?.spec?.strategy?.type === 'Recreate') queue.add(keyOf(deployment));
    });
    for (const deployment of store.scan(deploymentsId)) queue.add(keyOf(deployment));

    return () => {
      unsubscribe();
      queue.stop();
      timers.clear();
    };
  },
};

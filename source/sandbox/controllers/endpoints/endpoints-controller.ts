import type { KubeObject } from '../../api/kube-object.ts';
import { ApiError } from '../../api/status.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { Controller } from '../controller.ts';
import { keyOf, retryingQueue, splitKey } from '../retrying-queue.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import { endpointsSubsets } from './endpoints-subsets.ts';
import { PodServiceIndex } from './pod-service-index.ts';
import {
  hasManagedEndpoints,
  headlessServiceLabel,
  isHeadless,
  lastChangeTriggerTimeAnnotation,
  selectedPods,
} from './service-backend.ts';
import { TriggerTimeTracker } from './trigger-time-tracker.ts';

const servicesId = '/services';
const podsId = '/pods';
const endpointsId = '/endpoints';

/** Since 1.33 the controller marks the Endpoints it writes, for cleanup once it is retired. */
export const endpointsManagedByLabel = 'endpoints.kubernetes.io/managed-by';
export const endpointsControllerName = 'endpoint-controller';

/**
 * Keeps the deprecated-but-served core/v1 Endpoints of every selector Service in step with its
 * pods: an object named like the Service, carrying the Service's labels, with no owner
 * reference (the controller deletes it itself when the Service goes).
 */
export const endpointsController: Controller = {
  name: 'endpoint-controller',
  start(ctx) {
    const endpoints = resourceById(endpointsId);
    const index = new PodServiceIndex(ctx.store);
    const triggerTimes = new TriggerTimeTracker();

    const sync = (key: string) => {
      const { namespace, name } = splitKey(key);
      const service = ctx.store.peek(servicesId, namespace, name);
      if (!service) {
        triggerTimes.forget(namespace ?? '', name);
        if (ctx.store.peek(endpointsId, namespace, name))
          ctx.ops.delete(endpoints, namespace, name);
        return;
      }
      if (!hasManagedEndpoints(service)) return;
      const pods = selectedPods(service, ctx.store.scan(podsId, namespace));
      const triggerTime = triggerTimes.compute(service, pods);
      const subsets = endpointsSubsets(service, pods);
      const labels: Record<string, string> = { ...(service.metadata.labels ?? {}) };
      if (isHeadless(service)) labels[headlessServiceLabel] = '';
      else delete labels[headlessServiceLabel];
      labels[endpointsManagedByLabel] = endpointsControllerName;

      const current = ctx.store.peek(endpointsId, namespace, name);
      if (
        current &&
        semanticallyEqual(current.subsets, subsets) &&
        semanticallyEqual(current.metadata.labels, labels)
      ) {
        return;
      }
      const next: KubeObject = current
        ? structuredClone(current)
        : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace } };
      const annotations = { ...(next.metadata.annotations ?? {}) };
      if (triggerTime) annotations[lastChangeTriggerTimeAnnotation] = triggerTime;
      else delete annotations[lastChangeTriggerTimeAnnotation];
      next.metadata.labels = labels;
      if (Object.keys(annotations).length > 0) next.metadata.annotations = annotations;
      else delete next.metadata.annotations;
      if (subsets.length > 0) next.subsets = subsets;
      else delete next.subsets;
      try {
        if (current) ctx.ops.update(endpoints, next);
        else ctx.ops.create(endpoints, next);
      } catch (error) {
        // A terminating namespace refuses new objects for good: drop the item, as the real one does.
        if (error instanceof ApiError && error.code === 403 && !current) return;
        throw error;
      }
    };

    const queue = retryingQueue(ctx, sync);
    const unsubscribe = ctx.store.subscribe((event) => {
      if (event.resource === servicesId) queue.add(keyOf(event.object));
      else if (event.resource === podsId)
        for (const key of index.servicesFor(event)) queue.add(key);
      else if (event.resource === endpointsId && event.type === 'DELETED') {
        queue.add(keyOf(event.object));
      }
    });
    for (const service of ctx.store.scan(servicesId)) queue.add(keyOf(service));
    return () => {
      unsubscribe();
      queue.stop();
    };
  },
};

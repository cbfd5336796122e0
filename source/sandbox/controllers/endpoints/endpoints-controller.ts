import type { KubeObject } from '../../api/kube-object.ts';
import { ApiError } from '../../api/status.ts';
import { resourceById } from '../../resources/catalog.ts';
import { keyOf } from '../retrying-queue.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import { endpointsSubsets } from './endpoints-subsets.ts';
import { headlessServiceLabel, isHeadless } from './service-backend.ts';
import { serviceEndpointsController } from './service-endpoints-controller.ts';
import { withTriggerTime } from './trigger-time-tracker.ts';

const endpointsId = '/endpoints';

/** Since 1.33 the controller marks the Endpoints it writes, for cleanup once it is retired. */
const endpointsManagedByLabel = 'endpoints.kubernetes.io/managed-by';
const endpointsControllerName = 'endpoint-controller';

/**
 * Keeps the deprecated-but-served core/v1 Endpoints of every selector Service in step with its
 * pods: an object named like the Service, carrying the Service's labels, with no owner
 * reference (the controller deletes it itself when the Service goes).
 */
export const endpointsController = serviceEndpointsController('endpoint-controller', (ctx) => {
  const endpoints = resourceById(endpointsId);
  return {
    write(service, pods, triggerTime) {
      const { namespace, name } = service.metadata;
      const subsets = endpointsSubsets(service, pods);
      const labels: Record<string, string> = { ...(service.metadata.labels ?? {}) };
      if (isHeadless(service)) labels[headlessServiceLabel] = '';
      else delete labels[headlessServiceLabel];
      labels[endpointsManagedByLabel] = endpointsControllerName;

      const current = ctx.store.peek(endpointsId, namespace, name!);
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
      const annotations = withTriggerTime(next.metadata.annotations, triggerTime);
      next.metadata.labels = labels;
      if (annotations) next.metadata.annotations = annotations;
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
    },
    serviceGone(namespace, name) {
      if (ctx.store.peek(endpointsId, namespace, name)) ctx.ops.delete(endpoints, namespace, name);
    },
    // Deleted behind the controller's back: write it again.
    serviceToResync(event) {
      return event.resource === endpointsId && event.type === 'DELETED'
        ? keyOf(event.object)
        : undefined;
    },
  };
});

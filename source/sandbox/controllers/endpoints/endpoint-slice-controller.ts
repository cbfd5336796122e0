import { ApiError } from '../../api/status.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { Controller } from '../controller.ts';
import { keyOf, retryingQueue, splitKey } from '../retrying-queue.ts';
import {
  reconcileEndpointSlices,
  serviceNameLabel,
  sliceControllerName,
  sliceManagedByLabel,
} from './endpoint-slice-reconciler.ts';
import { PodServiceIndex } from './pod-service-index.ts';
import { hasManagedEndpoints, selectedPods } from './service-backend.ts';
import { TriggerTimeTracker } from './trigger-time-tracker.ts';

const servicesId = '/services';
const podsId = '/pods';
const slicesId = 'discovery.k8s.io/endpointslices';

/**
 * Keeps every selector Service's EndpointSlices in step with its pods, as kube-controller-
 * manager's endpointslice controller does. Slices of a deleted Service are left to the
 * garbage collector through their ownerReference, as on a real cluster.
 */
export const endpointSliceController: Controller = {
  name: 'endpointslice-controller',
  start(ctx) {
    const slices = resourceById(slicesId);
    const index = new PodServiceIndex(ctx.store);
    const triggerTimes = new TriggerTimeTracker();

    const sync = (key: string) => {
      const { namespace, name } = splitKey(key);
      const service = ctx.store.peek(servicesId, namespace, name);
      if (!service) {
        triggerTimes.forget(namespace ?? '', name);
        return;
      }
      if (!hasManagedEndpoints(service)) return;
      const pods = selectedPods(service, ctx.store.scan(podsId, namespace));
      const existing = ctx.store
        .scan(slicesId, namespace)
        .filter(
          (slice) =>
            slice.metadata.labels?.[serviceNameLabel] === name &&
            slice.metadata.labels?.[sliceManagedByLabel] === sliceControllerName,
        );
      const nodes = new Map(
        ctx.store.scan('/nodes').map((node) => [node.metadata.name!, node.metadata.labels]),
      );
      const changes = reconcileEndpointSlices({
        service,
        pods,
        nodes,
        existing,
        triggerTime: triggerTimes.compute(service, pods),
      });
      for (const slice of changes.create) {
        try {
          ctx.ops.create(slices, slice);
        } catch (error) {
          // A terminating namespace refuses new objects for good: drop the item, as the real one does.
          if (error instanceof ApiError && error.code === 403) return;
          throw error;
        }
      }
      for (const slice of changes.update) ctx.ops.update(slices, slice);
      for (const slice of changes.remove) {
        if (ctx.store.peek(slicesId, namespace, slice.metadata.name!)) {
          ctx.ops.delete(slices, namespace, slice.metadata.name!);
        }
      }
    };

    const queue = retryingQueue(ctx, sync);
    const unsubscribe = ctx.store.subscribe((event) => {
      if (event.resource === servicesId) queue.add(keyOf(event.object));
      else if (event.resource === podsId)
        for (const key of index.servicesFor(event)) queue.add(key);
      else if (event.resource === slicesId) {
        // A managed slice changed or vanished behind the controller's back: put it right.
        const labels = event.object.metadata.labels;
        if (labels?.[sliceManagedByLabel] === sliceControllerName && labels[serviceNameLabel]) {
          queue.add(`${event.object.metadata.namespace}/${labels[serviceNameLabel]}`);
        }
      }
    });
    for (const service of ctx.store.scan(servicesId)) queue.add(keyOf(service));
    return () => {
      unsubscribe();
      queue.stop();
    };
  },
};

import { ApiError } from '../../api/status.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { Controller } from '../controller.ts';
import {
  reconcileEndpointSlices,
  serviceNameLabel,
  sliceControllerName,
  sliceManagedByLabel,
} from './endpoint-slice-reconciler.ts';
import { serviceEndpointsController } from './service-endpoints-controller.ts';

const slicesId = 'discovery.k8s.io/endpointslices';

/**
 * Keeps every selector Service's EndpointSlices in step with its pods, as kube-controller-
 * manager's endpointslice controller does. Slices of a deleted Service are left to the
 * garbage collector through their ownerReference, as on a real cluster.
 */
export const endpointSliceController: Controller = serviceEndpointsController(
  'endpointslice-controller',
  (ctx) => {
    const slices = resourceById(slicesId);
    return {
      write(service, pods, triggerTime) {
        const namespace = service.metadata.namespace;
        const existing = ctx.store
          .scan(slicesId, namespace)
          .filter(
            (slice) =>
              slice.metadata.labels?.[serviceNameLabel] === service.metadata.name &&
              slice.metadata.labels?.[sliceManagedByLabel] === sliceControllerName,
          );
        const nodes = new Map(
          ctx.store.scan('/nodes').map((node) => [node.metadata.name!, node.metadata.labels]),
        );
        const changes = reconcileEndpointSlices({ service, pods, nodes, existing, triggerTime });
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
      },
      // A managed slice changed or vanished behind the controller's back: put it right.
      serviceToResync(event) {
        if (event.resource !== slicesId) return undefined;
        const labels = event.object.metadata.labels;
        if (labels?.[sliceManagedByLabel] !== sliceControllerName || !labels[serviceNameLabel])
          return undefined;
        return `${event.object.metadata.namespace}/${labels[serviceNameLabel]}`;
      },
    };
  },
);

import type { ObjectStore, StoreEvent } from '../../store/object-store.ts';
import type { Controller, ControllerContext } from '../controller.ts';
import { keyOf, retryingQueue, splitKey } from '../retrying-queue.ts';
import { PodServiceIndex } from './pod-service-index.ts';
import { hasManagedEndpoints, type Pod, type Service, selectedPods } from './service-backend.ts';
import { TriggerTimeTracker } from './trigger-time-tracker.ts';

const servicesId = '/services';
const podsId = '/pods';

/** What one of the endpoint controllers writes for a Service. */
export interface EndpointsWriter {
  /** Writes the endpoints of a selector Service from the pods it selects. */
  write(service: Service, pods: readonly Pod[], triggerTime: string | undefined): void;
  /** The Service is gone: removes what its owner reference does not leave to the garbage collector. */
  serviceGone?(namespace: string | undefined, name: string): void;
  /** The Service (`namespace/name`) to resync when one of the writer's own objects changes. */
  serviceToResync(event: StoreEvent): string | undefined;
}

/**
 * The loop the Endpoints and EndpointSlice controllers share: one sync per Service, queued
 * when the Service changes, when a pod it selects (before or after the change) changes, and
 * when one of the controller's own objects does.
 */
export function serviceEndpointsController(
  name: string,
  writerFor: (ctx: ControllerContext) => EndpointsWriter,
): Controller {
  return {
    name,
    start(ctx) {
      const writer = writerFor(ctx);
      const store: ObjectStore = ctx.store;
      const index = new PodServiceIndex(store);
      const triggerTimes = new TriggerTimeTracker();

      const queue = retryingQueue(ctx, (key) => {
        const { namespace, name } = splitKey(key);
        const service = store.peek(servicesId, namespace, name);
        if (!service) {
          triggerTimes.forget(namespace ?? '', name);
          writer.serviceGone?.(namespace, name);
          return;
        }
        if (!hasManagedEndpoints(service)) return;
        const pods = selectedPods(service, store.scan(podsId, namespace));
        writer.write(service, pods, triggerTimes.compute(service, pods));
      });
      const unsubscribe = store.subscribe((event) => {
        if (event.resource === servicesId) queue.add(keyOf(event.object));
        else if (event.resource === podsId) {
          for (const key of index.servicesFor(event)) queue.add(key);
        } else {
          const key = writer.serviceToResync(event);
          if (key) queue.add(key);
        }
      });
      for (const service of store.scan(servicesId)) queue.add(keyOf(service));
      return () => {
        unsubscribe();
        queue.stop();
      };
    },
  };
}

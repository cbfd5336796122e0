import type { ResourceOps } from '../api/resource-ops.ts';
import type { DataPlane } from '../network/data-plane.ts';
import { cloudProviderKind } from './cloud-provider/cloud-provider-kind.ts';
import type { Controller, ControllerContext, ControllerOptions } from './controller.ts';
import { endpointSliceController } from './endpoints/endpoint-slice-controller.ts';
import { endpointsController } from './endpoints/endpoints-controller.ts';
import { eventTtl } from './event-ttl.ts';
import { garbageCollector } from './garbage-collector.ts';
import { kubelet } from './kubelet/kubelet.ts';
import { namespaceController } from './namespace-controller.ts';
import { scheduler } from './scheduling/scheduler.ts';
import { serviceAccountController } from './serviceaccount-controller.ts';
import { deploymentController } from './workloads/deployment-controller.ts';
import { replicaSetController } from './workloads/replicaset-controller.ts';

/** Every controller the sandbox runs, in start order. */
const controllers: readonly Controller[] = [
  namespaceController,
  serviceAccountController,
  garbageCollector,
  deploymentController,
  replicaSetController,
  scheduler,
  kubelet,
  eventTtl,
  endpointSliceController,
  endpointsController,
  cloudProviderKind,
];

/** The sandbox's running controllers, as one handle. */
export interface ControllerSet {
  stop(): void;
}

/** Starts every controller against the store behind `ops`, probing over `dataPlane` if given. */
export function startControllers(
  ops: ResourceOps,
  options: ControllerOptions = {},
  dataPlane?: DataPlane,
): ControllerSet {
  const timers = new Set<NodeJS.Timeout>();
  const pace = options.pace ?? 1;
  const ctx: ControllerContext = {
    ops,
    store: ops.store,
    options: { pace, loadBalancer: options.loadBalancer ?? true },
    after(ms, fn) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms * pace);
      timers.add(timer);
    },
    ...(dataPlane ? { dataPlane } : {}),
  };
  const stops = controllers.map((controller) => controller.start(ctx));
  return {
    stop() {
      for (const stop of stops) stop();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

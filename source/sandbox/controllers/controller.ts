import type { ResourceOps } from '../api/resource-ops.ts';
import type { DataPlane } from '../network/data-plane.ts';
import type { ObjectStore } from '../store/object-store.ts';

export interface ControllerOptions {
  /**
   * Multiplies the simulated delays (image pull, container start, termination). 1 is the
   * default pace; 0 makes every step happen on the next tick.
   */
  pace?: number;
  /** When false, no LoadBalancer gets an address (as on a cluster without a provider). */
  loadBalancer?: boolean;
}

/** What every controller gets: the write path, the store to read and watch, the options. */
export interface ControllerContext {
  ops: ResourceOps;
  store: ObjectStore;
  options: Required<ControllerOptions>;
  /** Schedules `fn` after `ms` scaled by the pace; cancelled when the controllers stop. */
  after(ms: number, fn: () => void): void;
  /** The sandbox's traffic, for controllers that really connect (the kubelet's probes). */
  dataPlane?: DataPlane;
}

/** A controller starts against the context and returns its stop function. */
export interface Controller {
  name: string;
  start(ctx: ControllerContext): () => void;
}

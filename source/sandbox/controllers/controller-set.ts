import type { ResourceOps } from '../api/resource-ops.ts';

export interface ControllerOptions {
  /** Scales the simulated delays (image pull, container start, readiness). 0 = immediate. */
  speed?: number;
}

/** The sandbox's running controllers, as one handle. */
export interface ControllerSet {
  stop(): void;
}

/** Starts every controller against the store behind `ops`. */
export function startControllers(
  _ops: ResourceOps,
  _options: ControllerOptions = {},
): ControllerSet {
  return { stop() {} };
}

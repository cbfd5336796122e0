import type { Cluster } from '../cluster/cluster.ts';
import type { Capability } from '../lesson-format/lesson-types.ts';
import type { Probe } from '../probe/probe.ts';

export const runtimeNames = ['sandbox', 'kind', 'context'] as const;
export type RuntimeName = (typeof runtimeNames)[number];

/**
 * Somewhere lessons run: a Kubernetes API (Cluster), a way to send traffic from its vantage
 * points (Probe), and what it provides. The engine sees only this.
 */
export interface Runtime {
  readonly name: RuntimeName;
  /** One line for transcripts: `sandbox (Kubernetes v1.36 API on https://127.0.0.1:41234)`. */
  readonly description: string;
  readonly cluster: Cluster;
  readonly probe: Probe;
  readonly capabilities: ReadonlySet<Capability>;
  /**
   * Multiplies how long the engine waits for conditions. 1 on real clusters; the sandbox
   * scales it with its pace, since everything in it happens that much sooner.
   */
  readonly timeScale: number;
  stop(): Promise<void>;
}

/** A runtime that cannot start here (not built yet, or missing tools), said in one line. */
export class RuntimeUnavailableError extends Error {}

/** Readable names for capabilities, for "this lesson needs …" messages. */
export const capabilityNames: Record<Capability, string> = {
  loadBalancer: 'a load balancer for LoadBalancer Services',
  ingress: 'an Ingress controller',
  gateway: 'a Gateway API implementation',
};

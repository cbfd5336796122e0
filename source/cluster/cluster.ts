import type { Json, KubeObject } from '../sandbox/api/kube-object.ts';
import type { WaitCondition, WaitResult } from './wait-conditions.ts';

/** The field manager every write of the tutor names (`kubectl get … --show-managed-fields`). */
export const fieldManager = 'k8s-expose-tutor';
/** Every object the tutor creates carries this label; cleanup deletes by it and nothing else. */
export const managedByLabel = 'app.kubernetes.io/managed-by';
export const managedByValue = 'k8s-expose-tutor';
export const managedBySelector = `${managedByLabel}=${managedByValue}`;

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface ListQuery {
  apiVersion: string;
  kind: string;
  /** Omitted: every namespace (or a cluster-scoped kind). */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface Applied {
  /** The object as the server stored it. */
  object: KubeObject;
  warnings: string[];
}

export interface Cancellable {
  signal?: AbortSignal;
}

export interface WaitOptions extends Cancellable {
  timeoutMs: number;
  /** Called with each new reading while waiting (`2/3 ready`), for live displays. */
  onProgress?(detail: string): void;
}

/**
 * What the lessons (and later the TUI) need from a Kubernetes API, whatever cluster answers:
 * the embedded sandbox, a kind cluster or a kubeconfig context. One implementation over
 * client-node serves them all (kube-cluster.ts).
 */
export interface Cluster {
  /**
   * Server-side apply as the tutor's field manager, labelled as the tutor's, into `namespace`
   * for namespaced kinds. Rejects with a ClusterApiError worded by the server.
   */
  apply(object: Json, options: Cancellable & { namespace?: string }): Promise<Applied>;
  get(ref: ObjectRef, options?: Cancellable): Promise<KubeObject | undefined>;
  list(query: ListQuery, options?: Cancellable): Promise<KubeObject[]>;
  /** Deletes (background propagation); false when it was already gone. */
  delete(ref: ObjectRef, options?: Cancellable): Promise<boolean>;
  /** A JSON merge patch, e.g. `{spec: {replicas: 1}}` for a scale. */
  patch(ref: ObjectRef, patch: Json, options?: Cancellable): Promise<KubeObject>;
  /**
   * Creates the lesson's namespace, labelled; waits out a previous run's termination. Refuses a
   * namespace of the same name that the tutor did not create.
   */
  ensureNamespace(name: string, options?: Cancellable): Promise<void>;
  /** Polls until the condition holds, the timeout passes or the signal aborts. */
  waitFor(condition: WaitCondition, options: WaitOptions): Promise<WaitResult>;
  /**
   * Deletes what the tutor created for a lesson: its namespace (only if labelled as the tutor's)
   * and the labelled objects of the given cluster-scoped kinds; waits until they are gone.
   */
  cleanup(
    namespace: string,
    options?: Cancellable & { clusterScoped?: { apiVersion: string; kind: string }[] },
  ): Promise<void>;
}

/** A refusal from the API server, with its Status. */
export class ClusterApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly status?: Json,
  ) {
    super(message);
  }

  /** The line kubectl prints for this error. */
  kubectlLine(): string {
    if (this.reason === 'Invalid') return `The ${this.message}`;
    // Not the server's words: kubectl's own, when discovery has no such kind.
    if (this.reason === 'NoKindMatch') return `error: ${this.message}`;
    // kubectl leaves out the parentheses when the Status names no reason (SSA's schema errors).
    if (!this.reason) return `Error from server: ${this.message}`;
    return `Error from server (${this.reason}): ${this.message}`;
  }
}

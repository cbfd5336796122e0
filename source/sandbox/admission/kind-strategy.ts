import type { KubeObject } from '../api/kube-object.ts';
import type { FieldError } from '../api/status.ts';
import type { ObjectStore } from '../store/object-store.ts';

/** What a kind's hooks may look at while an object is admitted. */
export interface AdmissionContext {
  store: ObjectStore;
  /** True for `dryRun=All`: validate and allocate tentatively, store nothing. */
  dryRun: boolean;
}

/**
 * The API server's per-kind behaviour ("strategy" in kube-apiserver terms). Every hook is
 * optional; a kind without a strategy is stored as sent.
 */
export interface KindStrategy {
  /** Fills the defaults the real API server applies (mutates `object`). */
  applyDefaults?(object: KubeObject, old: KubeObject | undefined): void;
  /**
   * Mutating admission that reads other objects (DefaultIngressClass, …): runs after the
   * defaults, before validation.
   */
  admit?(object: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): void;
  /** Problems with `metadata.name` for kinds stricter than a DNS subdomain (Services, Namespaces). */
  nameProblems?(name: string): string[];
  /** Field errors, worded like the real validation. Empty when valid. */
  validate?(object: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): FieldError[];
  /**
   * Claims shared resources (cluster IPs, node ports) once the object is valid; may fill
   * fields (`spec.clusterIP`). Returns field errors (already allocated, out of range) and a
   * rollback that undoes the claim if the write then fails or is a dry run.
   */
  allocate?(
    object: KubeObject,
    old: KubeObject | undefined,
    ctx: AdmissionContext,
  ): { errors: FieldError[]; rollback: () => void };
  /** Frees what `allocate` claimed, after the object is finally removed. */
  release?(object: KubeObject, ctx: AdmissionContext): void;
  /** Warnings for the `Warning` response header (deprecated fields and annotations). */
  warnings?(object: KubeObject, old: KubeObject | undefined): string[];
  /** Delete admission (NamespaceLifecycle, …): throws an ApiError to refuse the delete. */
  admitDelete?(object: KubeObject): void;
  /** Pods are deleted gracefully: marked terminating first, removed by the kubelet later. */
  gracefulDelete?(object: KubeObject): boolean;
}

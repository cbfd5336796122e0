import type { Cluster, ObjectRef } from '../cluster/cluster.ts';
import type { Json } from '../sandbox/api/kube-object.ts';

/** Kinds that live outside every namespace: on someone else's cluster the tutor leaves them be. */
const clusterScopedKinds = new Set([
  'APIService',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'GatewayClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
]);

export class OutsideTutorNamespaceError extends Error {}

function refuse(kind: string, name: string | undefined, context: string): never {
  throw new OutsideTutorNamespaceError(
    `${kind} "${name ?? ''}" lives outside the lesson's namespace, and on context ${context} the tutor writes only inside its own namespaces: run this lesson with --runtime kind or sandbox`,
  );
}

/**
 * A Cluster that writes only namespaced objects (the lesson's namespace is created through
 * ensureNamespace, labelled, and refused if someone else's): for kubeconfig contexts the
 * tutor does not own. Reads pass through; a refused write rejects before any request.
 */
export function namespacedOnly(cluster: Cluster, context: string): Cluster {
  const check = (kind: string, name: string | undefined) => {
    if (clusterScopedKinds.has(kind)) refuse(kind, name, context);
  };
  return {
    async apply(object: Json, options) {
      check(String(object.kind), object.metadata?.name);
      return cluster.apply(object, options);
    },
    get: (ref, options) => cluster.get(ref, options),
    list: (query, options) => cluster.list(query, options),
    async delete(ref: ObjectRef, options) {
      check(ref.kind, ref.name);
      return cluster.delete(ref, options);
    },
    async patch(ref: ObjectRef, patch, options) {
      check(ref.kind, ref.name);
      return cluster.patch(ref, patch, options);
    },
    ensureNamespace: (name, options) => cluster.ensureNamespace(name, options),
    waitFor: (condition, options) => cluster.waitFor(condition, options),
    // Cleanup deletes the lesson's labelled namespace; cluster-scoped kinds are never asked.
    cleanup: (namespace, options) => cluster.cleanup(namespace, { signal: options?.signal }),
  };
}

import { ApiError } from '../api/status.ts';
import { isDns1123Label } from './formats.ts';
import type { KindStrategy } from './kind-strategy.ts';

/** Namespaces the NamespaceLifecycle admission plugin refuses to delete. */
const immortalNamespaces = new Set(['default', 'kube-system', 'kube-public']);

/**
 * Namespaces: DNS-1123 label names, the `kubernetes.io/metadata.name` label, the `kubernetes`
 * finalizer and `Active` phase on create. Deleting one marks it `Terminating`; the namespace
 * controller empties it and removes it.
 */
export const namespaceStrategy: KindStrategy = {
  nameProblems: isDns1123Label,

  applyDefaults(namespace, old) {
    const name = namespace.metadata.name;
    if (name) {
      namespace.metadata.labels = {
        ...namespace.metadata.labels,
        'kubernetes.io/metadata.name': name,
      };
    }
    if (old) {
      // spec.finalizers change only through the finalize subresource.
      namespace.spec = { ...namespace.spec };
      if (old.spec?.finalizers) namespace.spec.finalizers = old.spec.finalizers;
      else delete namespace.spec.finalizers;
    } else {
      namespace.spec = { ...namespace.spec, finalizers: ['kubernetes'] };
      namespace.status = { phase: 'Active' };
    }
  },

  admitDelete(namespace) {
    const name = namespace.metadata.name ?? '';
    if (immortalNamespaces.has(name))
      throw new ApiError(
        403,
        'Forbidden',
        `namespaces "${name}" is forbidden: this namespace may not be deleted`,
        {
          name,
          kind: 'namespaces',
        },
      );
  },

  gracefulDelete: () => true,
};

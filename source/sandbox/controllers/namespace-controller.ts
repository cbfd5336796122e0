import type { Json, KubeObject } from '../api/kube-object.ts';
import { ApiError } from '../api/status.ts';
import { resourceById, resourceCatalog } from '../resources/catalog.ts';
import type { Controller } from './controller.ts';
import { byControllerManager } from './field-managers.ts';
import { retryingQueue } from './retrying-queue.ts';
import { semanticallyEqual } from './semantic-equality.ts';

const namespacesId = '/namespaces';

/**
 * The namespace controller: a namespace being deleted has everything in it deleted (pods
 * gracefully, through their kubelet), reports what remains in its status conditions as the
 * real controller does, and is removed once it is empty. Objects left in a namespace that is
 * already gone are deleted too.
 */
export const namespaceController: Controller = {
  name: 'namespace-controller',
  start(ctx) {
    const { store, ops } = ctx;
    const namespacesDef = resourceById(namespacesId);
    const contentKinds = resourceCatalog.filter((def) => def.namespaced);

    const queue = retryingQueue(ctx, (name) => {
      const namespace = store.peek(namespacesId, undefined, name);
      if (namespace && !namespace.metadata.deletionTimestamp) return;
      const remaining = deleteContent(name);
      if (!namespace) return;
      reportProgress(namespace, remaining);
      if (remaining.size > 0 || (namespace.metadata.finalizers ?? []).length > 0) return;
      const current = store.peek(namespacesId, undefined, name);
      if (current) ops.finalize(namespacesDef, current as KubeObject);
    });

    /** Deletes every object in the namespace; returns how many of each kind are still there. */
    function deleteContent(namespace: string): Map<string, number> {
      const remaining = new Map<string, number>();
      for (const def of contentKinds) {
        for (const object of store.scan(def.id, namespace)) {
          if (!object.metadata.deletionTimestamp) {
            try {
              ops.delete(def, namespace, object.metadata.name!, {
                propagationPolicy: 'Background',
                preconditions: { uid: object.metadata.uid! },
              });
            } catch (error) {
              if (!(error instanceof ApiError && (error.code === 404 || error.code === 409)))
                throw error;
            }
          }
        }
        const left = store.scan(def.id, namespace).length;
        if (left > 0)
          remaining.set(def.group ? `${def.plural}.${def.group}` : `${def.plural}.`, left);
      }
      return remaining;
    }

    function reportProgress(namespace: Readonly<KubeObject>, remaining: Map<string, number>): void {
      const previous: Json[] = namespace.status?.conditions ?? [];
      const now = store.now();
      const condition = (type: string, status: string, reason: string, message: string): Json => {
        const before = previous.find((c) => c.type === type);
        return {
          type,
          status,
          lastTransitionTime: before?.status === status ? before.lastTransitionTime : now,
          reason,
          message,
        };
      };
      const remains = [...remaining]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([resource, count]) => `${resource} has ${count} resource instances`);
      const conditions = [
        condition(
          'NamespaceDeletionDiscoveryFailure',
          'False',
          'ResourcesDiscovered',
          'All resources successfully discovered',
        ),
        condition(
          'NamespaceDeletionGroupVersionParsingFailure',
          'False',
          'ParsedGroupVersions',
          'All legacy kube types successfully parsed',
        ),
        condition(
          'NamespaceDeletionContentFailure',
          'False',
          'ContentDeleted',
          'All content successfully deleted, may be waiting on finalization',
        ),
        remains.length > 0
          ? condition(
              'NamespaceContentRemaining',
              'True',
              'SomeResourcesRemain',
              `Some resources are remaining: ${remains.join(', ')}`,
            )
          : condition(
              'NamespaceContentRemaining',
              'False',
              'ContentRemoved',
              'All content successfully removed',
            ),
        condition(
          'NamespaceFinalizersRemaining',
          'False',
          'ContentHasNoFinalizers',
          'All content-preserving finalizers finished',
        ),
      ];
      const status = { ...namespace.status, phase: 'Terminating', conditions };
      if (semanticallyEqual(status, namespace.status)) return;
      ops.update(namespacesDef, { ...namespace, status } as KubeObject, {
        subresource: 'status',
        ...byControllerManager,
      });
    }

    const unsubscribe = store.subscribe((event) => {
      const object = event.object;
      if (event.resource === namespacesId) {
        if (event.type === 'DELETED' || object.metadata.deletionTimestamp)
          queue.add(object.metadata.name!);
        return;
      }
      // A namespaced object going away may be the last thing a terminating namespace waits for.
      if (event.type !== 'DELETED' || !object.metadata.namespace) return;
      const namespace = store.peek(namespacesId, undefined, object.metadata.namespace);
      if (namespace?.metadata.deletionTimestamp) queue.add(object.metadata.namespace);
    });
    for (const namespace of store.scan(namespacesId)) {
      if (namespace.metadata.deletionTimestamp) queue.add(namespace.metadata.name!);
    }

    return () => {
      unsubscribe();
      queue.stop();
    };
  },
};

import type { KubeObject, OwnerReference } from '../api/kube-object.ts';
import { ApiError } from '../api/status.ts';
import { resourceById, resourceCatalog, resourceForKind } from '../resources/catalog.ts';
import type { ResourceDefinition } from '../resources/resource-definition.ts';
import type { Controller } from './controller.ts';
import { byControllerManager } from './field-managers.ts';
import { retryingQueue } from './retrying-queue.ts';

export const foregroundFinalizer = 'foregroundDeletion';

type OwnerState = 'solid' | 'dangling' | 'waiting' | 'unknown';

/**
 * The garbage collector: objects whose owners (by uid) are all gone are deleted — the
 * ReplicaSets and pods of a deleted Deployment, with background propagation. An owner deleted
 * with `propagationPolicy: Foreground` carries the `foregroundDeletion` finalizer: its
 * dependents are deleted first (cascading), and the owner goes once none that blocks it is
 * left. References to owners that vanished while others remain are removed.
 */
export const garbageCollector: Controller = {
  name: 'garbage-collector',
  start(ctx) {
    const { store, ops } = ctx;

    const queue = retryingQueue(ctx, (key) => {
      const [id, namespace, name] = key.split('|') as [string, string, string];
      const def = resourceById(id);
      const object = store.peek(id, namespace || undefined, name);
      if (!object) return;
      if (
        object.metadata.deletionTimestamp &&
        object.metadata.finalizers?.includes(foregroundFinalizer)
      ) {
        deleteDependentsFirst(def, object);
      }
      if ((object.metadata.ownerReferences ?? []).length > 0) collectIfOrphaned(def, object);
    });

    function ownerState(ref: OwnerReference, namespace: string | undefined): OwnerState {
      const def = resourceForKind(ref.apiVersion, ref.kind);
      if (!def) return 'unknown';
      const owner = store.peek(def.id, def.namespaced ? namespace : undefined, ref.name);
      if (!owner || owner.metadata.uid !== ref.uid) return 'dangling';
      if (
        owner.metadata.deletionTimestamp &&
        owner.metadata.finalizers?.includes(foregroundFinalizer)
      )
        return 'waiting';
      return 'solid';
    }

    function collectIfOrphaned(def: ResourceDefinition, object: Readonly<KubeObject>): void {
      if (object.metadata.deletionTimestamp) return;
      const refs = object.metadata.ownerReferences ?? [];
      const states = refs.map((ref) => ownerState(ref, object.metadata.namespace));
      if (states.includes('unknown')) return;
      if (states.includes('solid')) {
        const kept = refs.filter((_, i) => states[i] === 'solid');
        if (kept.length === refs.length) return;
        ops.update(
          def,
          { ...object, metadata: { ...object.metadata, ownerReferences: kept } },
          byControllerManager,
        );
        return;
      }
      const cascade = states.includes('waiting') && dependentsOf(object).length > 0;
      remove(def, object, cascade ? 'Foreground' : 'Background');
    }

    function deleteDependentsFirst(def: ResourceDefinition, owner: Readonly<KubeObject>): void {
      const dependents = dependentsOf(owner);
      for (const { def: dependentDef, object } of dependents) {
        if (object.metadata.deletionTimestamp) continue;
        remove(dependentDef, object, dependentsOf(object).length > 0 ? 'Foreground' : 'Background');
      }
      const blocking = dependentsOf(owner).filter(({ object }) =>
        object.metadata.ownerReferences?.some(
          (ref) => ref.uid === owner.metadata.uid && ref.blockOwnerDeletion,
        ),
      );
      if (blocking.length > 0) return;
      const finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== foregroundFinalizer);
      const metadata: KubeObject['metadata'] = { ...owner.metadata, finalizers };
      if (finalizers.length === 0) delete metadata.finalizers;
      ops.update(def, { ...owner, metadata } as KubeObject, byControllerManager);
    }

    function remove(
      def: ResourceDefinition,
      object: Readonly<KubeObject>,
      propagationPolicy: 'Background' | 'Foreground',
    ): void {
      try {
        ops.delete(def, object.metadata.namespace, object.metadata.name!, {
          propagationPolicy,
          preconditions: { uid: object.metadata.uid! },
        });
      } catch (error) {
        if (!(error instanceof ApiError && (error.code === 404 || error.code === 409))) throw error;
      }
    }

    /** Everything that names `owner` (by uid) among its owner references. */
    function dependentsOf(
      owner: Readonly<KubeObject>,
    ): { def: ResourceDefinition; object: Readonly<KubeObject> }[] {
      const uid = owner.metadata.uid;
      const namespace = owner.metadata.namespace;
      return resourceCatalog.flatMap((def) =>
        store
          .scan(def.id, def.namespaced ? namespace : undefined)
          .filter((object) => object.metadata.ownerReferences?.some((ref) => ref.uid === uid))
          .map((object) => ({ def, object })),
      );
    }

    const keyFor = (def: ResourceDefinition, object: Readonly<KubeObject>) =>
      `${def.id}|${object.metadata.namespace ?? ''}|${object.metadata.name}`;

    const unsubscribe = store.subscribe((event) => {
      const object = event.object;
      const def = resourceCatalog.find((d) => d.id === event.resource);
      if (!def) return;
      if (event.type === 'DELETED') {
        for (const dependent of dependentsOf(object))
          queue.add(keyFor(dependent.def, dependent.object));
        // An owner waiting for its dependents may now be free to go.
        for (const ref of object.metadata.ownerReferences ?? []) {
          const ownerDef = resourceForKind(ref.apiVersion, ref.kind);
          if (ownerDef) {
            queue.add(
              `${ownerDef.id}|${ownerDef.namespaced ? (object.metadata.namespace ?? '') : ''}|${ref.name}`,
            );
          }
        }
        return;
      }
      const foreground =
        object.metadata.deletionTimestamp &&
        object.metadata.finalizers?.includes(foregroundFinalizer);
      if (foreground || (object.metadata.ownerReferences ?? []).length > 0)
        queue.add(keyFor(def, object));
    });
    for (const def of resourceCatalog) {
      for (const object of store.scan(def.id)) {
        if ((object.metadata.ownerReferences ?? []).length > 0) queue.add(keyFor(def, object));
      }
    }

    return () => {
      unsubscribe();
      queue.stop();
    };
  },
};

import { ApiError } from '../api/status.ts';
import { resourceById } from '../resources/catalog.ts';
import type { Controller } from './controller.ts';
import { byControllerManager } from './field-managers.ts';
import { retryingQueue } from './retrying-queue.ts';

const namespacesId = '/namespaces';
const serviceAccountsId = '/serviceaccounts';

/** The service account controller: every active namespace has a `default` ServiceAccount. */
export const serviceAccountController: Controller = {
  name: 'serviceaccount-controller',
  start(ctx) {
    const { store, ops } = ctx;
    const serviceAccountsDef = resourceById(serviceAccountsId);

    const queue = retryingQueue(ctx, (namespace) => {
      const ns = store.peek(namespacesId, undefined, namespace);
      if (!ns || ns.metadata.deletionTimestamp) return;
      if (store.peek(serviceAccountsId, namespace, 'default')) return;
      try {
        ops.create(
          serviceAccountsDef,
          {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'default', namespace },
          },
          byControllerManager,
        );
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 409)) throw error;
      }
    });

    const unsubscribe = store.subscribe((event) => {
      const object = event.object;
      if (event.resource === namespacesId && event.type === 'ADDED') {
        queue.add(object.metadata.name!);
      } else if (
        event.resource === serviceAccountsId &&
        event.type === 'DELETED' &&
        object.metadata.name === 'default'
      ) {
        queue.add(object.metadata.namespace!);
      }
    });
    for (const ns of store.scan(namespacesId)) queue.add(ns.metadata.name!);

    return () => {
      unsubscribe();
      queue.stop();
    };
  },
};

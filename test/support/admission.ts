import {
  createKindStrategies,
  type KindStrategyOptions,
} from '../../source/sandbox/admission/strategies.ts';
import type { KubeObject } from '../../source/sandbox/api/kube-object.ts';
import { ResourceOps, type WriteOptions } from '../../source/sandbox/api/resource-ops.ts';
import { ApiError } from '../../source/sandbox/api/status.ts';
import { seedCluster } from '../../source/sandbox/cluster/seed.ts';
import { resourceById } from '../../source/sandbox/resources/catalog.ts';
import { ObjectStore } from '../../source/sandbox/store/object-store.ts';

/** A store and write path with every kind strategy and the seeded cluster, without HTTP. */
export function admissionFixture(options: KindStrategyOptions = {}) {
  const store = new ObjectStore();
  const ops = new ResourceOps(store, createKindStrategies(options));
  seedCluster(ops);
  return {
    store,
    ops,
    create(id: string, object: Partial<KubeObject>, writeOptions?: WriteOptions) {
      return ops.create(resourceById(id), object as KubeObject, writeOptions);
    },
    update(id: string, object: KubeObject, writeOptions?: WriteOptions) {
      return ops.update(resourceById(id), object, writeOptions);
    },
    delete(id: string, namespace: string | undefined, name: string) {
      return ops.delete(resourceById(id), namespace, name);
    },
    get(id: string, namespace: string | undefined, name: string) {
      return store.get(id, namespace, name);
    },
  };
}

/** The Status message of the ApiError `write` throws; fails when it does not throw. */
export function rejection(write: () => unknown): string {
  try {
    write();
  } catch (error) {
    if (error instanceof ApiError) return error.message;
    throw error;
  }
  throw new Error('expected the write to be rejected');
}

import type { KubeObject } from '../api/kube-object.ts';
import type { ControllerContext } from './controller.ts';
import { WorkQueue } from './work-queue.ts';

/** client-go's default: 5ms doubling per failure, dropped after 15 retries. */
const maxRetries = 15;
const baseDelayMs = 5;
const maxDelayMs = 60_000;

/**
 * A work queue whose failed keys come back later with exponential backoff, like a controller's
 * rate-limited requeue, so a conflict or a missing dependency heals on its own.
 */
export function retryingQueue(ctx: ControllerContext, sync: (key: string) => void): WorkQueue {
  const failures = new Map<string, number>();
  const queue: WorkQueue = new WorkQueue(
    (key) => {
      sync(key);
      failures.delete(key);
    },
    (key) => {
      const count = (failures.get(key) ?? 0) + 1;
      if (count > maxRetries) {
        failures.delete(key);
        return;
      }
      failures.set(key, count);
      ctx.after(Math.min(baseDelayMs * 2 ** (count - 1), maxDelayMs), () => queue.add(key));
    },
  );
  return queue;
}

/** `namespace/name` (or `name` for cluster-scoped objects), as informers key objects. */
export function keyOf(object: Readonly<KubeObject>): string {
  const { namespace, name } = object.metadata;
  return namespace ? `${namespace}/${name}` : (name ?? '');
}

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0
    ? { namespace: undefined, name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

import type { KubeObject } from '../../sandbox/api/kube-object.ts';
import { watchedKinds } from './watched-kinds.ts';

/**
 * A watch event as the cache takes it; `listed` is a fresh LIST of one kind (before a watch
 * starts or starts over) and replaces what the cache held of that kind.
 */
export type ObjectEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; resourceId: string; object: KubeObject }
  | { type: 'listed'; resourceId: string; objects: KubeObject[] };

export interface CachedObject {
  resourceId: string;
  object: KubeObject;
  /** When the object last changed (ms since the epoch), for the brief highlight. */
  changedAt: number;
}

export interface ObjectsSnapshot {
  /** When the snapshot was taken: ages and highlights are computed against it. */
  at: number;
  /** Objects of shown and hidden kinds, ordered by kind (the watched order), then name. */
  objects: readonly CachedObject[];
}

const kindOrder = new Map(watchedKinds.map((kind, index) => [kind.resourceId, index]));

function keyOf(resourceId: string, object: KubeObject): string {
  const meta = object.metadata ?? {};
  return `${resourceId}|${meta.namespace ?? ''}|${meta.name ?? ''}`;
}

/**
 * The latest state of every watched object. Watch events land here as fast as they come; the
 * screen reads snapshots at its own pace (see BatchedSnapshots), so a burst costs one frame.
 */
export class ObjectCache {
  private readonly entries = new Map<string, CachedObject>();
  /** Bumped on every change, so a reader knows whether a new snapshot is worth taking. */
  version = 0;

  apply(event: ObjectEvent, now: number): void {
    if (event.type === 'listed') {
      const listed = new Set(event.objects.map((object) => keyOf(event.resourceId, object)));
      for (const [key, entry] of this.entries) {
        if (entry.resourceId === event.resourceId && !listed.has(key)) {
          this.entries.delete(key);
          this.version++;
        }
      }
      for (const object of event.objects)
        this.apply({ type: 'MODIFIED', resourceId: event.resourceId, object }, now);
      return;
    }
    const key = keyOf(event.resourceId, event.object);
    if (event.type === 'DELETED') {
      if (this.entries.delete(key)) this.version++;
      return;
    }
    const previous = this.entries.get(key);
    // A re-listed object that did not change keeps its old time: no highlight after a resync.
    if (previous?.object.metadata?.resourceVersion === event.object.metadata?.resourceVersion)
      return;
    this.entries.set(key, { resourceId: event.resourceId, object: event.object, changedAt: now });
    this.version++;
  }

  snapshot(now: number): ObjectsSnapshot {
    const objects = [...this.entries.values()].sort(
      (a, b) =>
        (kindOrder.get(a.resourceId) ?? 99) - (kindOrder.get(b.resourceId) ?? 99) ||
        (a.object.metadata?.name ?? '').localeCompare(b.object.metadata?.name ?? ''),
    );
    return { at: now, objects };
  }
}

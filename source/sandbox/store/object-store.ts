import { randomUUID } from 'node:crypto';
import { clone, type KubeObject, objectKey } from '../api/kube-object.ts';
import { gone } from '../api/status.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  /** `group/plural`, e.g. `/services` or `apps/deployments`. */
  resource: string;
  object: KubeObject;
  resourceVersion: number;
}

export type StoreListener = (event: StoreEvent) => void;

/** How many past events a watch can resume from before it gets `410 Gone`. */
const HISTORY_LIMIT = 20_000;

/**
 * Every object of every kind, with one monotonic resourceVersion counter, the way etcd's
 * revision works. Objects handed out are copies; stored ones are never mutated in place.
 */
export class ObjectStore {
  private revision = 0;
  private readonly tables = new Map<string, Map<string, KubeObject>>();
  private readonly history: StoreEvent[] = [];
  /** The newest revision whose event has been forgotten. */
  private compactedThrough = 0;
  private readonly listeners = new Set<StoreListener>();
  private readonly clock: () => Date;

  constructor(options: { clock?: () => Date } = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  get currentRevision(): number {
    return this.revision;
  }

  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  private table(resource: string): Map<string, KubeObject> {
    let table = this.tables.get(resource);
    if (!table) {
      table = new Map();
      this.tables.set(resource, table);
    }
    return table;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const found = this.tables.get(resource)?.get(objectKey(namespace, name));
    return found && clone(found);
  }

  /** Reads without copying, for hot paths (tables, controllers) that promise not to mutate. */
  peek(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): Readonly<KubeObject> | undefined {
    return this.tables.get(resource)?.get(objectKey(namespace, name));
  }

  /** Objects of a resource, optionally in one namespace, in key order, uncopied. */
  scan(resource: string, namespace?: string): Readonly<KubeObject>[] {
    const table = this.tables.get(resource);
    if (!table) return [];
    const all = [...table.values()];
    const inScope = namespace ? all.filter((o) => o.metadata.namespace === namespace) : all;
    return inScope.sort(compareByNamespaceAndName);
  }

  count(resource: string): number {
    return this.tables.get(resource)?.size ?? 0;
  }

  /** Stores a new object: fills uid, resourceVersion, creationTimestamp, generation. */
  insert(resource: string, object: KubeObject): KubeObject {
    const stored = clone(object);
    const meta = stored.metadata;
    meta.uid = meta.uid ?? randomUUID();
    meta.creationTimestamp = this.now();
    meta.generation = meta.generation ?? 1;
    meta.resourceVersion = String(++this.revision);
    this.table(resource).set(objectKey(meta.namespace, meta.name!), stored);
    this.emit({ type: 'ADDED', resource, object: stored, resourceVersion: this.revision });
    return clone(stored);
  }

  /** Replaces a stored object; the caller has already checked preconditions. */
  replace(resource: string, object: KubeObject): KubeObject {
    const stored = clone(object);
    stored.metadata.resourceVersion = String(++this.revision);
    this.table(resource).set(objectKey(stored.metadata.namespace, stored.metadata.name!), stored);
    this.emit({ type: 'MODIFIED', resource, object: stored, resourceVersion: this.revision });
    return clone(stored);
  }

  /** Removes an object for good and tells watchers, with the final resourceVersion. */
  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const table = this.tables.get(resource);
    const key = objectKey(namespace, name);
    const existing = table?.get(key);
    if (!table || !existing) return undefined;
    table.delete(key);
    const final = clone(existing);
    final.metadata.resourceVersion = String(++this.revision);
    this.emit({ type: 'DELETED', resource, object: final, resourceVersion: this.revision });
    return clone(final);
  }

  /** Listens to every change from now on. Returns the unsubscribe function. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Events after `resourceVersion` for a resource, for a watch resuming where a list left off.
   * Throws `410 Gone` when history no longer reaches back that far, as etcd compaction does.
   */
  eventsSince(resource: string, resourceVersion: number): StoreEvent[] {
    if (resourceVersion < this.compactedThrough) {
      throw gone(`too old resource version: ${resourceVersion} (${this.compactedThrough})`);
    }
    return this.history.filter(
      (e) => e.resource === resource && e.resourceVersion > resourceVersion,
    );
  }

  /** Forgets all but the newest `keep` events, as etcd compaction does. Tests use it for 410s. */
  compact(keep = 0): void {
    const dropped = this.history.splice(0, Math.max(0, this.history.length - keep));
    const last = dropped.at(-1);
    if (last) this.compactedThrough = last.resourceVersion;
  }

  /** Events are handed to listeners uncopied: listeners must not mutate them. */
  private emit(event: StoreEvent): void {
    this.history.push(event);
    if (this.history.length > HISTORY_LIMIT) this.compact(HISTORY_LIMIT);
    for (const listener of this.listeners) listener(event);
  }
}

/** Byte order of `namespace/name`, which is etcd's key order and so the real server's list order. */
function compareByNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const left = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
  const right = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

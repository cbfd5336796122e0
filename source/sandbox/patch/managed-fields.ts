import type { Json, KubeObject } from '../api/kube-object.ts';
import { groupVersion, type ResourceDefinition } from '../resources/resource-definition.ts';
import { compareObjects } from './compare-objects.ts';
import { fieldElement } from './field-path.ts';
import { FieldSet } from './field-set.ts';
import { isJsonObject } from './json-values.ts';
import { patchSchemaOf } from './patch-metadata.ts';

/** One `metadata.managedFields` entry: who set which fields, how and when. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  fields: FieldSet;
}

/** Fields no manager ever owns: identity and bookkeeping of the object. */
const neverOwned = FieldSet.of([
  [fieldElement('apiVersion')],
  [fieldElement('kind')],
  [fieldElement('metadata')],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName']
    .concat(['generation', 'managedFields', 'resourceVersion'])
    .map((name) => [fieldElement('metadata'), fieldElement(name)]),
]);

export function withoutBookkeeping(fields: FieldSet): FieldSet {
  return fields.difference(neverOwned);
}

/** Reads stored entries; malformed ones are skipped, as the server ignores them. */
export function decodeManagedFields(entries: unknown): ManagedFieldsEntry[] {
  if (!Array.isArray(entries)) return [];
  const decoded: ManagedFieldsEntry[] = [];
  for (const entry of entries) {
    if (!isJsonObject(entry) || typeof entry.manager !== 'string') continue;
    if (entry.operation !== 'Apply' && entry.operation !== 'Update') continue;
    decoded.push({
      manager: entry.manager,
      operation: entry.operation,
      apiVersion: typeof entry.apiVersion === 'string' ? entry.apiVersion : '',
      ...(typeof entry.time === 'string' ? { time: entry.time } : {}),
      ...(typeof entry.subresource === 'string' && entry.subresource
        ? { subresource: entry.subresource }
        : {}),
      fields: FieldSet.fromFieldsV1(entry.fieldsV1),
    });
  }
  return decoded;
}

/** The most `Update` entries an object keeps; older ones merge into `ancient-changes`. */
const maxUpdateManagers = 10;

/**
 * Entries as the server stores them: empty ones dropped, updaters capped, Apply before Update,
 * then oldest first, then by name.
 */
export function encodeManagedFields(entries: readonly ManagedFieldsEntry[]): Json[] {
  return capUpdateManagers(entries.filter((entry) => !entry.fields.isEmpty()))
    .sort(
      (a, b) =>
        compareText(a.operation, b.operation) ||
        compareText(a.time ?? '', b.time ?? '') ||
        compareText(a.manager, b.manager) ||
        compareText(a.apiVersion, b.apiVersion) ||
        compareText(a.subresource ?? '', b.subresource ?? ''),
    )
    .map((entry) => ({
      manager: entry.manager,
      operation: entry.operation,
      apiVersion: entry.apiVersion,
      ...(entry.time ? { time: entry.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: entry.fields.toFieldsV1(),
      ...(entry.subresource ? { subresource: entry.subresource } : {}),
    }));
}

/**
 * Past ten `Update` managers, the oldest are folded into one `ancient-changes` entry per API
 * version (the first of a version becomes the bucket, the newer ones merge into it).
 */
function capUpdateManagers(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  const updaters = entries
    .filter((entry) => entry.operation === 'Update')
    .sort(
      (a, b) =>
        compareText(a.time ?? '', b.time ?? '') ||
        compareText(a.manager, b.manager) ||
        compareText(a.subresource ?? '', b.subresource ?? ''),
    );
  if (updaters.length <= maxUpdateManagers) return entries;
  const result = [...entries];
  const firstOfVersion = new Map<string, ManagedFieldsEntry>();
  let remaining = updaters.length;
  for (const updater of updaters) {
    if (remaining <= maxUpdateManagers) break;
    const first = firstOfVersion.get(updater.apiVersion);
    if (!first) {
      firstOfVersion.set(updater.apiVersion, updater);
      continue;
    }
    let bucket = result.find(
      (entry) =>
        entry.manager === 'ancient-changes' &&
        entry.operation === 'Update' &&
        entry.apiVersion === updater.apiVersion &&
        !entry.subresource,
    );
    if (!bucket) {
      bucket = { ...first, manager: 'ancient-changes' };
      delete bucket.subresource;
      result.splice(result.indexOf(first), 1, bucket);
    }
    bucket.fields = updater.fields.union(bucket.fields);
    if (updater.time) bucket.time = updater.time;
    result.splice(result.indexOf(updater), 1);
    remaining--;
  }
  return result;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Two entries belong to the same manager when name, operation and subresource match, and for
 * updates the API version too (an applier keeps one entry whatever version it applies).
 */
export function sameManager(a: ManagedFieldsEntry, b: ManagedFieldsEntry): boolean {
  return (
    a.manager === b.manager &&
    a.operation === b.operation &&
    (a.subresource ?? '') === (b.subresource ?? '') &&
    (a.operation === 'Apply' || a.apiVersion === b.apiVersion)
  );
}

/** A manager as apply conflicts name it: `"kubectl-client-side-apply" using v1`. */
export function describeManager(entry: ManagedFieldsEntry): string {
  let text = JSON.stringify(entry.manager);
  if (entry.subresource) text += ` with subresource ${JSON.stringify(entry.subresource)}`;
  return entry.operation === 'Update' ? `${text} using ${entry.apiVersion}` : text;
}

export interface UpdateRecord {
  /** The field manager: the `fieldManager` parameter, or derived from the User-Agent. */
  manager: string;
  /** Set when the write went through a subresource (`status`, `scale`). */
  subresource?: string;
  /** The time to stamp, as the store prints it. */
  now: string;
}

/**
 * Records a create, update or patch in `updated.metadata.managedFields`: the fields it added or
 * changed now belong to its manager (an `Update` entry), and nobody owns what it removed or
 * took over. Nothing is recorded when no field changed. `live` is undefined for a create.
 */
export function recordUpdate(
  def: ResourceDefinition,
  live: KubeObject | undefined,
  updated: KubeObject,
  record: UpdateRecord,
): void {
  const entries = startingEntries(live, updated, record.subresource !== undefined);
  // The status of a kind with a status subresource is reset on other writes: never tracked there.
  const ignoreStatus = def.subresources.includes('status') && record.subresource !== 'status';
  const tracked = (object: KubeObject) => {
    const { status: _status, ...rest } = withoutManagedFields(object);
    return ignoreStatus ? (rest as KubeObject) : withoutManagedFields(object);
  };
  const comparison = compareObjects(
    live ? tracked(live) : undefined,
    tracked(updated),
    patchSchemaOf(def),
  );
  const changed = comparison.added.union(comparison.modified);
  const taken = withoutBookkeeping(changed);
  const kept = entries.map((entry) => ({
    ...entry,
    fields: entry.fields.difference(changed).difference(comparison.removed),
  }));
  if (!taken.isEmpty()) {
    const own: ManagedFieldsEntry = {
      manager: record.manager,
      operation: 'Update',
      apiVersion: groupVersion(def),
      ...(record.subresource ? { subresource: record.subresource } : {}),
      fields: taken,
    };
    const previous = kept.find((entry) => sameManager(entry, own));
    if (previous) {
      previous.fields = previous.fields.union(taken);
      previous.time = record.now;
    } else {
      kept.push({ ...own, time: record.now });
    }
  }
  setManagedFields(updated, encodeManagedFields(kept));
}

/**
 * The entries an update starts from: those the client sent (so a client can rewrite them, and
 * `[{}]` clears them), else the live object's. Subresource writes always keep the live ones.
 */
function startingEntries(
  live: KubeObject | undefined,
  updated: KubeObject,
  viaSubresource: boolean,
): ManagedFieldsEntry[] {
  const liveEntries = () => decodeManagedFields(live?.metadata.managedFields);
  if (viaSubresource) return liveEntries();
  const sent = updated.metadata.managedFields;
  if (Array.isArray(sent) && sent.length === 1 && isJsonObject(sent[0])) {
    if (Object.keys(sent[0]).length === 0) return [];
  }
  const decoded = decodeManagedFields(sent);
  return decoded.length > 0 ? decoded : liveEntries();
}

export function withoutManagedFields(object: KubeObject): KubeObject {
  const { managedFields: _managedFields, ...metadata } = object.metadata ?? {};
  return { ...object, metadata };
}

export function setManagedFields(object: KubeObject, entries: Json[]): void {
  if (entries.length > 0) object.metadata.managedFields = entries;
  else delete object.metadata.managedFields;
}

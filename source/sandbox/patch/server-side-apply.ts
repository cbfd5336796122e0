import type { KubeObject } from '../api/kube-object.ts';
import { ApiError, badRequest } from '../api/status.ts';
import { groupVersion, type ResourceDefinition } from '../resources/resource-definition.ts';
import { compareObjects } from './compare-objects.ts';
import { describePath, type FieldPath, isFieldElement } from './field-path.ts';
import type { FieldSet } from './field-set.ts';
import { fieldSetOf } from './field-set-of.ts';
import { isJsonObject, type JsonObject, jsonEqual } from './json-values.ts';
import {
  decodeManagedFields,
  describeManager,
  encodeManagedFields,
  type ManagedFieldsEntry,
  sameManager,
  withoutBookkeeping,
  withoutManagedFields,
} from './managed-fields.ts';
import { patchFailure } from './patch-errors.ts';
import { type PatchSchemaNode, patchSchemaOf } from './patch-metadata.ts';
import { mergeConfiguration, removeFields } from './structured-merge.ts';
import { TypedValueError } from './typed-values.ts';

export interface ApplyOptions {
  /** The `fieldManager` of the request (required for apply). */
  manager: string;
  /** `force=true`: take over conflicting fields instead of failing. */
  force: boolean;
  /** The time to stamp on the applier's managedFields entry. */
  now: string;
  /** `status` for an apply to the status subresource, which applies the status only. */
  subresource?: 'status';
}

export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Server-side apply (`application/apply-patch+yaml`): merges the manager's configuration into
 * the live object (or into nothing, creating it), removes what the manager applied last time
 * and no longer applies unless someone else owns it, and fails with 409 when it would change
 * fields other managers own, unless forced. Returns the object to store, its managedFields
 * updated; the caller admits it as a create or an update.
 */
export function serverSideApply(
  def: ResourceDefinition,
  live: KubeObject | undefined,
  applied: unknown,
  options: ApplyOptions,
): KubeObject {
  const config = checkConfiguration(def, applied, options.subresource);
  const schema = patchSchemaOf(def);
  const liveObject: JsonObject = live ? withoutManagedFields(live) : {};
  const entries = decodeManagedFields(live?.metadata.managedFields);
  const applier: ManagedFieldsEntry = {
    manager: options.manager,
    operation: 'Apply',
    apiVersion: groupVersion(def),
    ...(options.subresource ? { subresource: options.subresource } : {}),
    fields: typed(def, config, () => fieldSetOf(config, schema)),
  };
  const previous = entries.find((entry) => sameManager(entry, applier));
  const others = entries.filter((entry) => entry !== previous);

  const merged = typed(def, config, () => mergeConfiguration(liveObject, config, schema));
  const owned = others.reduce((all, entry) => all.union(entry.fields), applier.fields);
  // What the applier applied last time, no longer applies, and nobody else owns goes away.
  const prune = (path: FieldPath) =>
    previous !== undefined && owns(previous.fields, path) && !owns(owned, path);
  const result = typed(def, config, () => removeFields(merged, schema, prune) as JsonObject);

  const comparison = compareObjects(liveObject, result, schema);
  const changed = comparison.added.union(comparison.modified);
  const conflicts = conflictsWith(others, changed);
  if (conflicts.length > 0 && !options.force) {
    const unresolved = withoutMigratedConflicts(conflicts, live, options.manager, schema);
    if (unresolved.length > 0) throw conflictError(unresolved);
  }

  const remaining = others.map((entry) => ({
    ...entry,
    fields: entry.fields.difference(changed).difference(comparison.removed),
  }));
  const objectChanged = !jsonEqual(liveObject, result);
  const applierEntry: ManagedFieldsEntry = {
    ...applier,
    fields: withoutBookkeeping(applier.fields),
    time: objectChanged || !previous?.time ? options.now : previous.time,
  };
  const stored = result as KubeObject;
  stored.metadata = { ...stored.metadata };
  // Always a list, possibly empty: the result replaces what was stored, it is not a fallback.
  stored.metadata.managedFields = encodeManagedFields([...remaining, applierEntry]);
  if (options.manager === 'kubectl') syncLastApplied(live, stored, config);
  return stored;
}

/** The checks the server makes on an apply body before merging it. */
function checkConfiguration(
  def: ResourceDefinition,
  applied: unknown,
  subresource: 'status' | undefined,
): KubeObject {
  if (!isJsonObject(applied)) {
    throw badRequest(
      `error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(applied) ? 'array' : typeof applied} into Go value of type map[string]interface {}`,
    );
  }
  const [group, version] = splitApiVersion(applied.apiVersion);
  const kind = typeof applied.kind === 'string' ? applied.kind : '';
  if (group !== def.group || version !== def.version || kind !== def.kind) {
    throw badRequest(`invalid object type: ${group}/${version}, Kind=${kind}`);
  }
  const metadata = isJsonObject(applied.metadata) ? applied.metadata : {};
  if (metadata.managedFields !== undefined && metadata.managedFields !== null) {
    throw badRequest('metadata.managedFields must be nil');
  }
  const config = structuredClone(applied) as KubeObject;
  if (subresource === 'status') {
    // The status subresource takes the status and nothing else.
    const { name, namespace } = config.metadata ?? {};
    return {
      apiVersion: config.apiVersion,
      kind: config.kind,
      metadata: { ...(name ? { name } : {}), ...(namespace ? { namespace } : {}) },
      ...(config.status !== undefined ? { status: config.status } : {}),
    };
  }
  // Status belongs to the status subresource: the main resource ignores it, in apply too.
  if (def.subresources.includes('status')) delete config.status;
  return config;
}

function splitApiVersion(apiVersion: unknown): [string, string] {
  if (typeof apiVersion !== 'string' || apiVersion === '') return ['', ''];
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** Runs a typed walk over the configuration, reporting bad lists as the server does. */
function typed<T>(def: ResourceDefinition, config: KubeObject, walk: () => T): T {
  try {
    return walk();
  } catch (error) {
    if (!(error instanceof TypedValueError)) throw error;
    const meta = config.metadata ?? {};
    throw patchFailure(
      `failed to create typed patch object (${meta.namespace ?? ''}/${meta.name ?? ''}; ${def.group}/${def.version}, Kind=${def.kind}): ${error.message}`,
    );
  }
}

/**
 * Whether a set owns a path. A struct field counts as owned when something below it is, so
 * that a field nobody owns anything under any more is removed whole.
 */
function owns(set: FieldSet, path: FieldPath): boolean {
  if (set.has(path)) return true;
  return isFieldElement(path.at(-1)!) && set.hasAtOrBelow(path);
}

interface Conflict {
  entry: ManagedFieldsEntry;
  path: FieldPath;
}

function conflictsWith(others: readonly ManagedFieldsEntry[], changed: FieldSet): Conflict[] {
  const conflicts: Conflict[] = [];
  const byManager = [...others].sort((a, b) => {
    const [keyA, keyB] = [managerKey(a), managerKey(b)];
    return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
  });
  for (const entry of byManager) {
    for (const path of entry.fields.intersection(changed).paths()) conflicts.push({ entry, path });
  }
  return conflicts;
}

function managerKey(entry: ManagedFieldsEntry): string {
  return `${entry.manager}\u0000${entry.operation}\u0000${entry.subresource ?? ''}`;
}

/**
 * `kubectl apply --server-side` (manager `kubectl`) may take over fields that client-side
 * apply set, as long as the last-applied annotation still matches the live values: that is
 * how an object moves from client-side to server-side apply without conflicts.
 */
function withoutMigratedConflicts(
  conflicts: Conflict[],
  live: KubeObject | undefined,
  manager: string,
  schema: PatchSchemaNode,
): Conflict[] {
  if (manager !== 'kubectl' || !live) return conflicts;
  const annotation = live.metadata.annotations?.[lastAppliedAnnotation];
  if (!annotation) return conflicts;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(annotation);
  } catch {
    return conflicts;
  }
  if (!isJsonObject(lastApplied) || lastApplied.apiVersion !== live.apiVersion) return conflicts;
  try {
    const comparison = compareObjects(lastApplied, withoutManagedFields(live), schema);
    const allowed = fieldSetOf(lastApplied, schema)
      .difference(comparison.modified)
      .difference(comparison.added)
      .difference(comparison.removed);
    return conflicts.filter((conflict) => !allowed.has(conflict.path));
  } catch (error) {
    if (error instanceof TypedValueError) return conflicts;
    throw error;
  }
}

/** 409 worded as the API server words apply conflicts. */
function conflictError(conflicts: Conflict[]): ApiError {
  const causes = conflicts.map(({ entry, path }) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${describeManager(entry)}`,
    field: describePath(path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    const [{ entry, path }] = conflicts as [Conflict];
    message = `Apply failed with 1 conflict: conflict with ${describeManager(entry)}: ${describePath(path)}`;
  } else {
    const lines: string[] = [];
    let current: ManagedFieldsEntry | undefined;
    for (const { entry, path } of conflicts) {
      if (entry !== current) {
        lines.push(`conflicts with ${describeManager(entry)}:`);
        current = entry;
      }
      lines.push(`- ${describePath(path)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}

/**
 * After `kubectl apply --server-side` on an object client-side apply manages, the
 * last-applied annotation follows the new configuration, so a later client-side apply
 * computes its patch from it.
 */
function syncLastApplied(live: KubeObject | undefined, stored: KubeObject, config: KubeObject) {
  if (!live?.metadata.annotations?.[lastAppliedAnnotation]) return;
  const applied = structuredClone(config);
  if (applied.metadata?.annotations) {
    delete applied.metadata.annotations[lastAppliedAnnotation];
    if (Object.keys(applied.metadata.annotations).length === 0) delete applied.metadata.annotations;
  }
  stored.metadata.annotations = {
    ...stored.metadata.annotations,
    [lastAppliedAnnotation]: sortedJson(applied),
  };
}

/** JSON with object keys sorted, as Go encodes a map. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (isJsonObject(value)) {
    const members = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${sortedJson(value[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

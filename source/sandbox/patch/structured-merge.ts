import { type FieldPath, fieldElement, type PathElement } from './field-path.ts';
import { isJsonObject, type JsonObject } from './json-values.ts';
import type { PatchSchemaNode } from './patch-metadata.ts';
import { childPath, itemElement, itemsByElement, shapeOf } from './typed-values.ts';

/**
 * Merges an applied configuration into the live object the way server-side apply does: the
 * configuration's values win, maps merge per key, list-maps and sets merge per item (items
 * only the live object has keep their place, the others follow the configuration's order),
 * atomic values are replaced whole. Fields set to `null` are dropped.
 */
export function mergeConfiguration(
  live: unknown,
  config: unknown,
  schema: PatchSchemaNode,
): unknown {
  return mergeAt(live, config, schema, []);
}

function mergeAt(live: unknown, config: unknown, node: PatchSchemaNode, path: FieldPath): unknown {
  if (config === undefined) return live;
  const configShape = shapeOf(config, node);
  if (live === undefined || live === null || shapeOf(live, node) !== configShape) {
    return withoutNulls(config);
  }
  if (configShape === 'map') {
    const result: JsonObject = { ...(live as JsonObject) };
    for (const [name, value] of Object.entries(config as JsonObject)) {
      const merged = mergeAt(
        result[name],
        value,
        node.field(name),
        childPath(path, fieldElement(name)),
      );
      if (merged === null) delete result[name];
      else result[name] = merged;
    }
    return result;
  }
  if (configShape === 'list') return mergeLists(live as unknown[], config as unknown[], node, path);
  return withoutNulls(config);
}

/**
 * Items only in the live list stay where they are; shared and new items come in the
 * configuration's order, a shared item waiting for its turn there.
 */
function mergeLists(live: unknown[], config: unknown[], node: PatchSchemaNode, path: FieldPath) {
  const liveElements = live.map((item) => itemElement(item, node, path));
  const liveItems = itemsByElement(live, node, path);
  const configItems = itemsByElement(config, node, path, true);
  const configElements = [...configItems.keys()];
  const shared = configElements.filter((element) => liveItems.has(element));
  let nextShared = 0;
  const emitted = new Set<PathElement>();
  const out: unknown[] = [];
  const emit = (element: PathElement) => {
    const itemPath = childPath(path, element);
    out.push(mergeAt(liveItems.get(element), configItems.get(element), node.items, itemPath));
    emitted.add(element);
    if (shared[nextShared] === element) nextShared++;
  };

  let l = 0;
  let r = 0;
  while (l < live.length || r < configElements.length) {
    const liveElement = liveElements[l];
    if (liveElement !== undefined && r < configElements.length) {
      if (liveElement === configElements[r]) {
        emit(liveElement);
        l++;
        r++;
        continue;
      }
      const waiting = shared[nextShared];
      if (configItems.has(liveElement) && waiting !== undefined && waiting !== liveElement) {
        l++;
        continue;
      }
    }
    if (liveElement !== undefined) {
      if (!configItems.has(liveElement)) {
        out.push(live[l]);
        l++;
        continue;
      }
      if (emitted.has(liveElement)) {
        l++;
        continue;
      }
    }
    if (r < configElements.length) emit(configElements[r++]!);
  }
  return out;
}

/**
 * Removes the fields and items `shouldRemove` names (a removed path takes what is below it).
 */
export function removeFields(
  value: unknown,
  schema: PatchSchemaNode,
  shouldRemove: (path: FieldPath) => boolean,
): unknown {
  return removeAt(value, schema, [], shouldRemove);
}

function removeAt(
  value: unknown,
  node: PatchSchemaNode,
  path: FieldPath,
  shouldRemove: (path: FieldPath) => boolean,
): unknown {
  const shape = shapeOf(value, node);
  if (shape === 'map') {
    const result: JsonObject = {};
    for (const [name, member] of Object.entries(value as JsonObject)) {
      const memberPath = childPath(path, fieldElement(name));
      if (shouldRemove(memberPath)) continue;
      result[name] = removeAt(member, node.field(name), memberPath, shouldRemove);
    }
    return result;
  }
  if (shape === 'list') {
    const result: unknown[] = [];
    for (const item of value as unknown[]) {
      const itemPath = childPath(path, itemElement(item, node, path));
      if (shouldRemove(itemPath)) continue;
      result.push(removeAt(item, node.items, itemPath, shouldRemove));
    }
    return result;
  }
  return value;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isJsonObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== null) result[key] = withoutNulls(member);
  }
  return result;
}

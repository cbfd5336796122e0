import type { Json } from '../api/kube-object.ts';
import { badRequest } from '../api/status.ts';
import { goFormat, isJsonObject, type JsonObject, jsonKind } from './json-values.ts';
import { patchFailure, unprocessablePatch } from './patch-errors.ts';
import type { PatchSchemaNode } from './patch-metadata.ts';

/**
 * Strategic merge patch (`application/strategic-merge-patch+json`), as `kubectl apply` and
 * `kubectl patch` send it and the API server applies it: maps merge, lists with a merge key
 * merge item by item (Service `ports` by `port`, `containers` by `name`), lists of primitives
 * with the merge strategy are unions, other lists are replaced. Directives: `$patch:
 * replace|delete` on maps and list items, `$setElementOrder/<list>`, `$retainKeys` and
 * `$deleteFromPrimitiveList/<list>`. No directive survives into the result.
 */
export function strategicMergePatch(original: Json, patch: unknown, schema: PatchSchemaNode): Json {
  if (!isJsonObject(patch)) {
    throw badRequest(
      `json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`,
    );
  }
  return mergeMap(structuredClone(original), structuredClone(patch), schema);
}

const directiveMarker = '$patch';
const retainKeysDirective = '$retainKeys';
const setElementOrderPrefix = '$setElementOrder';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList';

const badSetElementOrder = 'invalid patch format of setElementOrder list';
const badPrimitiveList = 'invalid patch format of primitive list';
const badRetainKeys = 'invalid patch format of retainKeys';

function mergeMap(original: JsonObject, patch: JsonObject, node: PatchSchemaNode): JsonObject {
  if (directiveMarker in patch) return mapDirective(patch);
  applyRetainKeys(original, patch);
  applySetElementOrders(original, patch, node);

  for (const [key, patchValue] of Object.entries(patch)) {
    let field = key;
    let isDeleteList = false;
    if (key.startsWith(deleteFromPrimitiveListPrefix)) {
      field = directiveTarget(key, deleteFromPrimitiveListPrefix, badPrimitiveList);
      isDeleteList = true;
    }
    if (patchValue === null) {
      delete original[field];
      continue;
    }
    const current = original[field];
    if (current === undefined || current === null || jsonKind(current) !== jsonKind(patchValue)) {
      // Deleting from a list that is not there deletes nothing.
      if (!isDeleteList) original[field] = withoutDirectives(patchValue);
      continue;
    }
    const child = node.field(field);
    if (isJsonObject(current)) {
      original[field] = mergeMap(current, patchValue as JsonObject, child);
    } else if (Array.isArray(current)) {
      if (child.mergesLists) {
        original[field] = mergeList(current, patchValue as unknown[], child, isDeleteList);
      } else if (!isDeleteList) {
        original[field] = withoutDirectives(patchValue);
      }
    } else {
      original[field] = patchValue;
    }
  }
  return original;
}

/** `$patch: replace` takes the map as sent; `$patch: delete` empties it. */
function mapDirective(patch: JsonObject): JsonObject {
  const directive = patch[directiveMarker];
  if (directive === 'replace') {
    const { [directiveMarker]: _directive, ...rest } = patch;
    return withoutDirectives(rest) as JsonObject;
  }
  if (directive === 'delete') return {};
  throw patchFailure(`unknown patch type: ${String(directive)} in map: ${goFormat(patch)}`);
}

/** `$retainKeys: [a, b]` clears every other key of the original map. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!(retainKeysDirective in patch)) return;
  const retained = patch[retainKeysDirective];
  delete patch[retainKeysDirective];
  if (!Array.isArray(retained)) throw badRequest(badRetainKeys);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || key.startsWith(deleteFromPrimitiveListPrefix)) continue;
    if (key.startsWith(setElementOrderPrefix)) continue;
    if (!retained.includes(key)) throw badRequest(badRetainKeys);
  }
  for (const key of Object.keys(original)) {
    if (!retained.includes(key)) delete original[key];
  }
}

/**
 * `$setElementOrder/<list>` gives the final order of the items the patch knows about; items
 * only the server has keep their place relative to them.
 */
function applySetElementOrders(original: JsonObject, patch: JsonObject, node: PatchSchemaNode) {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderPrefix)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw patchFailure(badArgType('[]interface {}', order));
    const field = directiveTarget(key, setElementOrderPrefix, badSetElementOrder);
    const originalList = original[field];
    const patchList = patch[field];
    if (originalList !== undefined && !Array.isArray(originalList)) {
      throw patchFailure(badArgType('[]interface {}', originalList));
    }
    if (patchList !== undefined && patchList !== null && !Array.isArray(patchList)) {
      throw patchFailure(badArgType('[]interface {}', patchList));
    }
    const child = node.field(field);
    const mergeKey = child.patchMergeKey ?? '';
    checkAgainstOrder(Array.isArray(patchList) ? patchList : [], order, mergeKey);

    let merged: unknown[];
    if (Array.isArray(originalList) && Array.isArray(patchList)) {
      merged = child.mergesLists
        ? mergeList(originalList, patchList, child, false)
        : (withoutDirectives(patchList) as unknown[]);
    } else if (Array.isArray(originalList)) {
      merged = originalList;
    } else if (Array.isArray(patchList)) {
      merged = child.mergesLists
        ? mergeList([], patchList, child, false)
        : (withoutDirectives(patchList) as unknown[]);
    } else {
      continue;
    }
    const inOrder = merged.filter((item) => indexIn(order, item, mergeKey) >= 0);
    const serverOnly = merged.filter((item) => indexIn(order, item, mergeKey) < 0);
    original[field] = normalizeOrder(
      inOrder,
      serverOnly,
      order,
      Array.isArray(originalList) ? originalList : [],
      mergeKey,
    );
    delete patch[field];
  }
}

/** The items of the patch list must appear in `$setElementOrder` in the same relative order. */
function checkAgainstOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (patchList.length === 0 || order.length === 0) return;
  const kept = mergeKey
    ? patchList.filter((item) => !(isJsonObject(item) && item[directiveMarker] === 'delete'))
    : patchList;
  let patchIndex = 0;
  let orderIndex = 0;
  while (patchIndex < kept.length && orderIndex < order.length) {
    const item = kept[patchIndex];
    if (isJsonObject(item) && directiveMarker in item) {
      patchIndex++;
      continue;
    }
    if (mergeKeyValue(item, mergeKey) === mergeKeyValue(order[orderIndex], mergeKey)) patchIndex++;
    orderIndex++;
  }
  if (patchIndex < kept.length && orderIndex >= order.length) {
    throw patchFailure(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match ${setElementOrderPrefix} list:\n${goFormat(order)}\n`,
    );
  }
}

function mergeList(
  original: unknown[],
  patch: unknown[],
  node: PatchSchemaNode,
  isDeleteList: boolean,
): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind(original, patch);
  if (kind !== 'object') {
    if (isDeleteList) return original.filter((item) => !patch.includes(item));
    const merged = [...new Set([...original, ...patch])];
    const fromPatch = merged.filter((item) => patch.includes(item));
    const serverOnly = merged.filter((item) => !patch.includes(item));
    return normalizeOrder(fromPatch, serverOnly, patch, original, '');
  }
  const mergeKey = node.patchMergeKey;
  if (!mergeKey) throw patchFailure('cannot merge lists without merge key for type map');
  const special = applySpecialItems(original as JsonObject[], patch as JsonObject[], mergeKey);
  const merged: JsonObject[] = [...special.original];
  for (const item of special.patch) {
    if (!(mergeKey in item)) throw patchFailure(noMergeKey(item, mergeKey));
    const index = merged.findIndex((existing) => {
      if (!isJsonObject(existing)) throw patchFailure(`value for key ${mergeKey} is not a map.`);
      return mergeKey in existing && existing[mergeKey] === item[mergeKey];
    });
    if (index >= 0) merged[index] = mergeMap(merged[index]!, item, node.items);
    else merged.push(withoutDirectives(item) as JsonObject);
  }
  const fromPatch = merged.filter((item) => indexIn(special.patch, item, mergeKey) >= 0);
  const serverOnly = merged.filter((item) => indexIn(special.patch, item, mergeKey) < 0);
  return normalizeOrder(fromPatch, serverOnly, special.patch, special.original, mergeKey);
}

/**
 * Items carrying `$patch`: `delete` removes the original items with the same merge key,
 * `replace` makes the list exactly the patch's other items.
 */
function applySpecialItems(
  original: JsonObject[],
  patch: JsonObject[],
  mergeKey: string,
): { original: JsonObject[]; patch: JsonObject[] } {
  let remaining = original;
  const plain: JsonObject[] = [];
  let replace = false;
  for (const item of patch) {
    if (!(directiveMarker in item)) {
      plain.push(item);
      continue;
    }
    const directive = item[directiveMarker];
    if (directive === 'delete') {
      if (!(mergeKey in item)) throw patchFailure(noMergeKey(item, mergeKey));
      remaining = remaining.filter((existing) => existing[mergeKey] !== item[mergeKey]);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw patchFailure('merging lists cannot yet be specified in the patch');
    } else {
      throw patchFailure(`unknown patch type: ${String(directive)} in map: ${goFormat(item)}`);
    }
  }
  if (replace) return { original: withoutDirectives(plain) as JsonObject[], patch: [] };
  return { original: remaining, patch: plain };
}

/**
 * Sorts the patch's items by the patch order and the server-only items by the original order,
 * then interleaves them: a server-only item goes first only when it came before the next patch
 * item in the original list (so a new item lands ahead of server-only items that follow it).
 */
function normalizeOrder(
  fromPatch: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
): unknown[] {
  const right = sortByOrder(fromPatch, patchOrder, mergeKey);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey);
  const result: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) result.push(right[j++]);
    else if (j >= right.length) result.push(left[i++]);
    else {
      const leftIndex = indexIn(serverOrder, left[i], mergeKey);
      const rightIndex = indexIn(serverOrder, right[j], mergeKey);
      if (leftIndex >= 0 && rightIndex >= 0 && leftIndex < rightIndex) result.push(left[i++]);
      else result.push(right[j++]);
    }
  }
  return result;
}

function sortByOrder(items: unknown[], order: unknown[], mergeKey: string): unknown[] {
  if (mergeKey) {
    for (const item of [...items, ...order]) {
      if (!isJsonObject(item)) throw patchFailure(badArgType('map[string]interface {}', item));
      if (!(mergeKey in item)) throw patchFailure(noMergeKey(item, mergeKey));
    }
  }
  const position = (item: unknown) => {
    const index = indexIn(order, item, mergeKey);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...items].sort((a, b) => position(a) - position(b));
}

function indexIn(list: unknown[], item: unknown, mergeKey: string): number {
  const wanted = mergeKeyValue(item, mergeKey);
  return list.findIndex((candidate) => mergeKeyValue(candidate, mergeKey) === wanted);
}

function mergeKeyValue(item: unknown, mergeKey: string): unknown {
  if (!mergeKey) return item;
  return isJsonObject(item) ? item[mergeKey] : undefined;
}

/** All items of both lists must be of one kind, and not lists themselves. */
function elementKind(...lists: unknown[][]): 'object' | string {
  let kind: string | undefined;
  for (const item of lists.flat()) {
    const itemKind = Array.isArray(item) ? 'array' : item === null ? 'null' : typeof item;
    if (itemKind === 'array') throw unprocessablePatch('lists of lists are not supported');
    if (kind === undefined) kind = itemKind;
    else if (kind !== itemKind) {
      throw patchFailure(`list element types are not identical: ${goFormat(lists)}`);
    }
  }
  if (kind === undefined) throw patchFailure('no elements in any of the given slices');
  return kind;
}

/** `$setElementOrder/ports` → `ports`. */
function directiveTarget(key: string, prefix: string, formatError: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw badRequest(formatError);
  return key.slice(slash + 1);
}

/**
 * A value taken over from the patch as a whole: directive keys and `null` members are dropped,
 * as decoding the result into the kind's Go type drops them on the real server.
 */
function withoutDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDirectives);
  if (!isJsonObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (key.startsWith('$') || member === null) continue;
    result[key] = withoutDirectives(member);
  }
  return result;
}

function noMergeKey(item: JsonObject, mergeKey: string): string {
  return `map: ${goFormat(item)} does not contain declared merge key: ${mergeKey}`;
}

function badArgType(expected: string, actual: unknown): string {
  const actualType = Array.isArray(actual)
    ? '[]interface {}'
    : isJsonObject(actual)
      ? 'map[string]interface {}'
      : typeof actual;
  return `expected a ${expected}, but received a ${actualType}`;
}

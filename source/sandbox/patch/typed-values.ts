import {
  describePath,
  type FieldPath,
  keyElement,
  type PathElement,
  valueElement,
} from './field-path.ts';
import { isJsonObject, type JsonObject } from './json-values.ts';
import type { PatchSchemaNode } from './patch-metadata.ts';

/**
 * How server-side apply sees a value at a schema node: a `map` (struct or granular map) is
 * tracked field by field, a `list` (list-map or set) item by item, anything else (scalars,
 * atomic structs and lists, lists without a list type) as one `leaf`.
 */
export function shapeOf(value: unknown, node: PatchSchemaNode): 'map' | 'list' | 'leaf' {
  if (isJsonObject(value)) return node.atomic ? 'leaf' : 'map';
  if (Array.isArray(value) && node.shape === 'list' && node.listType !== 'atomic') return 'list';
  return 'leaf';
}

/** A value that counts as "nothing" when both sides of a comparison are empty. */
export function isEmptyContainer(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isJsonObject(value) && Object.keys(value).length === 0;
}

export class TypedValueError extends Error {}

/** The path element that names a list item: its keys for a list-map, its value for a set. */
export function itemElement(item: unknown, list: PatchSchemaNode, path: FieldPath): PathElement {
  if (list.listType === 'set') return valueElement(item);
  if (!isJsonObject(item)) {
    throw new TypedValueError(`${describePath(path)}: expected map, got ${JSON.stringify(item)}`);
  }
  const keys: Array<[string, unknown]> = [];
  for (const key of list.listMapKeys) {
    if (key in item && item[key] !== null) keys.push([key, item[key]]);
    else if (key in list.keyDefaults) keys.push([key, list.keyDefaults[key]]);
  }
  if (keys.length === 0) {
    throw new TypedValueError(
      `${describePath(path)}: associative list with keys has an element that omits all key fields ${goQuotedList(list.listMapKeys)} (and doesn't have default values for any key fields)`,
    );
  }
  return keyElement(keys);
}

/**
 * A list's items by element, in order. Duplicates are an error in an applied configuration;
 * in a stored object the first one wins (the real server tolerates them there).
 */
export function itemsByElement(
  list: unknown[],
  node: PatchSchemaNode,
  path: FieldPath,
  rejectDuplicates = false,
): Map<PathElement, unknown> {
  const items = new Map<PathElement, unknown>();
  for (const item of list) {
    const element = itemElement(item, node, path);
    if (items.has(element)) {
      if (rejectDuplicates) {
        throw new TypedValueError(
          `${describePath(path)}: duplicate entries for key ${describePath([element])}`,
        );
      }
      continue;
    }
    items.set(element, item);
  }
  return items;
}

export function childPath(path: FieldPath, element: PathElement): PathElement[] {
  return [...path, element];
}

export function mapValue(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

function goQuotedList(values: readonly string[]): string {
  return `[${values.map((value) => JSON.stringify(value)).join(' ')}]`;
}

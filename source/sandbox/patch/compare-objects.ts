import { type FieldPath, fieldElement, type PathElement } from './field-path.ts';
import { FieldSet } from './field-set.ts';
import { jsonEqual } from './json-values.ts';
import type { PatchSchemaNode } from './patch-metadata.ts';
import {
  childPath,
  isEmptyContainer,
  itemsByElement,
  mapValue,
  shapeOf,
  TypedValueError,
} from './typed-values.ts';

/** What changed between two versions of an object, as field sets. */
export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * Compares two objects field by field, the way the server decides which fields an update
 * touched: leaves that appeared, changed or disappeared, plus list items, lists and maps that
 * appeared or disappeared as a whole (those become the `.` entries of managedFields). Struct
 * fields a Go object always has (`spec`, `template`, `containers`) are not counted as added.
 */
export function compareObjects(
  before: unknown,
  after: unknown,
  schema: PatchSchemaNode,
): Comparison {
  const comparison = {
    added: FieldSet.empty(),
    modified: FieldSet.empty(),
    removed: FieldSet.empty(),
  };
  compareAt(before, after, schema, [], comparison);
  return comparison;
}

function compareAt(
  before: unknown,
  after: unknown,
  node: PatchSchemaNode,
  path: FieldPath,
  result: Comparison,
): void {
  if (before === undefined && after === undefined) return;
  const shape = shapeToWalk(before, after, node, path);
  if (shape === 'leaf') {
    if (path.length === 0) return;
    if (before === undefined) result.added.insert(path);
    else if (after === undefined) result.removed.insert(path);
    else if (!jsonEqual(before, after)) result.modified.insert(path);
    return;
  }
  if (shape === 'map') {
    const left = mapValue(before);
    const right = mapValue(after);
    for (const name of new Set([...Object.keys(left), ...Object.keys(right)])) {
      compareAt(
        left[name],
        right[name],
        node.field(name),
        childPath(path, fieldElement(name)),
        result,
      );
    }
  } else {
    const left = itemsByElement(Array.isArray(before) ? before : [], node, path);
    const right = itemsByElement(Array.isArray(after) ? after : [], node, path);
    const elements = new Set<PathElement>([...left.keys(), ...right.keys()]);
    for (const element of elements) {
      compareAt(
        left.get(element),
        right.get(element),
        node.items,
        childPath(path, element),
        result,
      );
    }
  }
  if (path.length === 0) return;
  if (before === undefined && !node.alwaysPresent) result.added.insert(path);
  else if (after === undefined) result.removed.insert(path);
}

/** Both sides are walked as one shape; mismatched or empty values compare as leaves. */
function shapeToWalk(
  before: unknown,
  after: unknown,
  node: PatchSchemaNode,
  path: FieldPath,
): 'map' | 'list' | 'leaf' {
  if (isEmptyContainer(before) && isEmptyContainer(after)) return 'leaf';
  const left = before === undefined ? undefined : shapeOf(before, node);
  const right = after === undefined ? undefined : shapeOf(after, node);
  if (left !== undefined && right !== undefined && left !== right) return 'leaf';
  const shape = left ?? right ?? 'leaf';
  if (shape !== 'list') return shape;
  try {
    // A stored list whose items lack their keys cannot be walked item by item.
    itemsByElement(Array.isArray(before) ? before : [], node, path);
    itemsByElement(Array.isArray(after) ? after : [], node, path);
    return 'list';
  } catch (error) {
    if (error instanceof TypedValueError) return 'leaf';
    throw error;
  }
}

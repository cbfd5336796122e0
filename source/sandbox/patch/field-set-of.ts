import { type FieldPath, fieldElement } from './field-path.ts';
import { FieldSet } from './field-set.ts';
import { isJsonObject } from './json-values.ts';
import type { PatchSchemaNode } from './patch-metadata.ts';
import { childPath, itemsByElement, shapeOf } from './typed-values.ts';

/**
 * The fields an applied configuration sets, which its manager then owns: every leaf, every
 * list item as a whole, every key of a granular map, and fields explicitly set to `null` or
 * `{}`. Struct fields themselves are not members, only what they contain (undescribed
 * fields count as struct fields: the kinds' free-form maps are all described).
 */
export function fieldSetOf(value: unknown, node: PatchSchemaNode): FieldSet {
  const set = FieldSet.empty();
  collect(value, node, [], set);
  return set;
}

function collect(value: unknown, node: PatchSchemaNode, path: FieldPath, set: FieldSet): void {
  switch (shapeOf(value, node)) {
    case 'leaf':
      if (path.length > 0) set.insert(path);
      return;
    case 'list':
      for (const [element, item] of itemsByElement(value as unknown[], node, path, true)) {
        const itemPath = childPath(path, element);
        collect(item, node.items, itemPath, set);
        set.insert(itemPath);
      }
      return;
    case 'map':
      for (const [name, member] of Object.entries(value as Record<string, unknown>)) {
        const fieldPath = childPath(path, fieldElement(name));
        const child = node.field(name);
        collect(member, child, fieldPath, set);
        const isEmptyMap = isJsonObject(member) && Object.keys(member).length === 0;
        if (member === null || isEmptyMap || node.shape === 'map') set.insert(fieldPath);
      }
      return;
  }
}

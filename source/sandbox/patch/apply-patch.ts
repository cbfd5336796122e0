import type { KubeObject } from '../api/kube-object.ts';
import { unsupportedMediaType } from '../api/status.ts';
import type { ResourceDefinition } from '../resources/resource-definition.ts';

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply';

export function patchTypeOf(contentType: string): PatchType {
  const type = contentType.split(';')[0]!.trim();
  switch (type) {
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/json-patch+json':
      return 'json';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+json':
      return 'apply';
    default:
      throw unsupportedMediaType(contentType);
  }
}

/** Applies a patch of the given type to a copy of `current` and returns the result. */
export function applyPatch(
  _def: ResourceDefinition,
  type: PatchType,
  current: KubeObject,
  patch: unknown,
  _fieldManager?: string,
): KubeObject {
  if (type !== 'merge') throw unsupportedMediaType(type);
  return mergePatch(current, patch) as KubeObject;
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import type { KubeObject } from '../api/kube-object.ts';
import { ApiError } from '../api/status.ts';
import type { ResourceDefinition } from '../resources/resource-definition.ts';
import { jsonMergePatch } from './json-merge-patch.ts';
import { jsonPatch } from './json-patch.ts';
import { patchSchemaOf, supportsStrategicMerge } from './patch-metadata.ts';
import { strategicMergePatch } from './strategic-merge-patch.ts';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

const mediaTypes: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** The patch type a PATCH request's Content-Type names, or 415 if the kind does not take it. */
export function patchTypeOf(def: ResourceDefinition, contentType: string): PatchType {
  const mediaType = contentType.split(';')[0]!.trim();
  const type = mediaTypes[mediaType];
  if (!type || (type === 'strategic' && !supportsStrategicMerge(def))) {
    throw unsupportedPatchType(def);
  }
  return type;
}

function unsupportedPatchType(def: ResourceDefinition): ApiError {
  const accepted = Object.entries(mediaTypes)
    .filter(([, type]) => type !== 'strategic' || supportsStrategicMerge(def))
    .map(([mediaType]) => mediaType);
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

/**
 * Applies a JSON, merge or strategic merge patch to the current object and returns the patched
 * copy (server-side apply is `serverSideApply`: it needs managers and may create).
 */
export function applyPatch(
  def: ResourceDefinition,
  type: Exclude<PatchType, 'apply'>,
  current: KubeObject,
  patch: unknown,
): KubeObject {
  switch (type) {
    case 'json':
      return jsonPatch(current, patch) as KubeObject;
    case 'merge':
      return jsonMergePatch(current, patch) as KubeObject;
    case 'strategic':
      return strategicMergePatch(current, patch, patchSchemaOf(def)) as KubeObject;
  }
}

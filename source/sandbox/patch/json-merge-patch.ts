import type { Json } from '../api/kube-object.ts';
import { badRequest } from '../api/status.ts';
import { isJsonObject, type JsonObject } from './json-values.ts';

/**
 * RFC 7386 JSON merge patch (`application/merge-patch+json`): objects merge key by key, `null`
 * removes a key, anything else (lists included) replaces the target value.
 */
export function jsonMergePatch(target: Json, patch: unknown): Json {
  // The server decodes the patch as an object; `null`, strings and numbers are not patches.
  if (!isJsonObject(patch)) throw badRequest('Invalid JSON Patch');
  return mergeValue(target, patch) as Json;
}

function mergeValue(target: unknown, patch: unknown): unknown {
  if (Array.isArray(patch)) return patch.map(withoutNulls);
  if (!isJsonObject(patch)) return patch;
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergeValue(result[key], value);
  }
  return result;
}

/** A value taken over whole still loses its `null` members, as if merged into nothing. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  return isJsonObject(value) ? mergeValue({}, value) : value;
}

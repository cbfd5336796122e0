import type { KubeObject } from '../api/kube-object.ts';
import { ApiError, badRequest, type FieldError, invalid } from '../api/status.ts';
import type { ResourceDefinition } from '../resources/resource-definition.ts';
import { decodeCustomResource } from './custom-resource-decoder.ts';
import { decodeGo, isPlainObject } from './go-decoder.ts';
import { kindSchemaFor } from './kind-schemas.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface DecodeOptions {
  /**
   * `body` (the default): the object a client sent to create or replace. `patch`: the result
   * of applying a patch, whose problems the PATCH handler reports as
   * ` "" is invalid: patch: Invalid value: "…": strict decoding error: …` (422).
   */
  origin?: 'body' | 'patch';
  /**
   * For `patch`: the value printed after `Invalid value:`. The real server prints the patched
   * object as JSON for JSON and merge patches (the default here) and the patch itself, Go-style,
   * for strategic merge patches: pass `goValueString(patch)` from go-json-errors.ts.
   */
  patchDescription?: string;
}

export interface Decoded {
  object: KubeObject;
  /** `unknown field "spec.clusterIp"` under `Warn`, for the `Warning` header. */
  warnings: string[];
}

/**
 * Reads an object the way the API server decodes it into its Go type (built-in kinds) or
 * prunes it against its CRD schema (Gateway API): unknown or mis-cased fields are dropped and
 * reported — an error under `Strict` (`strict decoding error: unknown field "spec.clusterIp"`),
 * warnings under `Warn`, silently under `Ignore` — and values of the wrong type are refused with
 * the real server's words. Nulls are dropped, as decoding into Go values drops them.
 */
export function decodeObject(
  def: ResourceDefinition,
  object: KubeObject,
  validation: FieldValidation,
  options: DecodeOptions = {},
): Decoded {
  const schema = kindSchemaFor(def.id);
  if (!schema) return { object, warnings: [] };
  const failure = failureWording(def, object, options);
  const result = schema.custom
    ? decodeCustomResource(schema.root, object)
    : { ...decodeGo(schema.root, object), typeErrors: [] };
  if (result.fatal) throw failure(result.fatal);
  const unknown =
    options.origin === 'patch' ? [...result.unknownFields].sort() : result.unknownFields;
  const findings = unknown.map((path) => `unknown field "${path}"`);
  if (findings.length > 0 && validation === 'Strict')
    throw failure(`strict decoding error: ${findings.join(', ')}`);
  if (result.typeErrors.length > 0)
    throw invalid(def.kind, def.group, object.metadata?.name ?? '', result.typeErrors);
  return {
    object: result.value as KubeObject,
    warnings: validation === 'Warn' ? findings : [],
  };
}

/** How a decoding failure reaches the client: 400 for a sent body, 422 for a patched object. */
function failureWording(
  def: ResourceDefinition,
  object: KubeObject,
  options: DecodeOptions,
): (message: string) => ApiError {
  if (options.origin !== 'patch') {
    return (message) =>
      badRequest(
        `${def.kind} in version "${def.version}" cannot be handled as a ${def.kind}: ${message}`,
      );
  }
  return (message) => {
    const value = JSON.stringify(options.patchDescription ?? sortedJson(object));
    const detail = `Invalid value: ${value}: ${message}`;
    return new ApiError(422, 'Invalid', ` "" is invalid: patch: ${detail}`, {
      causes: [{ reason: 'FieldValueInvalid', message: detail, field: 'patch' }],
    });
  };
}

/** JSON with keys sorted at every level, as Go marshals the maps a JSON patch produces. */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    isPlainObject(inner)
      ? Object.fromEntries(
          Object.keys(inner)
            .sort()
            .map((key) => [key, inner[key]]),
        )
      : inner,
  );
}

export interface DecodeResult {
  value: unknown;
  /** Paths of dropped fields, `spec.ports[0].nodeport`, in the order the server reports them. */
  unknownFields: string[];
  /** A decoding error that stops everything (built-in kinds: the first wrong-typed value). */
  fatal?: string;
  /** Schema validation errors (custom resources: every wrong-typed value). */
  typeErrors: FieldError[];
}

import type { KubeObject } from '../api/kube-object.ts';
import { ApiError, badRequest, type FieldError, invalid } from '../api/status.ts';
import type { ResourceDefinition } from '../resources/resource-definition.ts';
import { type FieldSchema, goStructName, goTypeOf, type StructSchema } from './field-schema.ts';
import {
  base64ErrorOffset,
  type GoFieldContext,
  goJsonKind,
  quantityError,
  unmarshalTypeError,
} from './go-json-errors.ts';
import { kindSchemaFor } from './kind-schemas.ts';
import { objectMeta } from './meta-v1.ts';

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
    : decodeBuiltIn(schema.root, object);
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

interface DecodeResult {
  value: unknown;
  /** Paths of dropped fields, `spec.ports[0].nodeport`, in the order the server reports them. */
  unknownFields: string[];
  /** A decoding error that stops everything (built-in kinds: the first wrong-typed value). */
  fatal?: string;
  /** Schema validation errors (custom resources: every wrong-typed value). */
  typeErrors: FieldError[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// Built-in kinds: Go's case-sensitive JSON decoding into the kind's struct.

interface GoPosition extends GoFieldContext {
  /** The strict-decoding path: field names, map keys and `[i]` list indices. */
  path: string;
}

/** Thrown by decoders that stop at once (custom unmarshalers: IntOrString, Quantity, Time). */
class StopDecoding extends Error {}

class GoDecoder {
  readonly unknownFields: string[] = [];
  /** Go keeps the first type error and carries on, so later unknown fields are still seen. */
  firstError: string | undefined;

  save(message: string): void {
    this.firstError ??= message;
  }

  value(schema: FieldSchema, value: unknown, at: GoPosition): unknown {
    if (value === null) return undefined;
    switch (schema.kind) {
      case 'free':
        return value;
      case 'scalar':
        return this.scalar(schema, value, at);
      case 'struct':
        return this.struct(schema, value, at);
      case 'list': {
        if (!Array.isArray(value)) {
          this.save(unmarshalTypeError(goJsonKind(value), goTypeOf(schema), at));
          return undefined;
        }
        return value.map(
          (item, index) =>
            this.value(schema.items, item, { ...at, path: `${at.path}[${index}]` }) ??
            zeroValue(schema.items),
        );
      }
      case 'map': {
        if (!isPlainObject(value)) {
          this.save(unmarshalTypeError(goJsonKind(value), schema.goType, at));
          return undefined;
        }
        const out: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) {
          const path = at.path ? `${at.path}.${key}` : key;
          out[key] = this.value(schema.values, item, { ...at, path }) ?? zeroValue(schema.values);
        }
        return out;
      }
    }
  }

  private struct(schema: StructSchema, value: unknown, at: GoPosition): unknown {
    if (!isPlainObject(value)) {
      this.save(unmarshalTypeError(goJsonKind(value), goTypeOf(schema), at));
      return undefined;
    }
    const out: Record<string, unknown> = {};
    const structName = goStructName(schema);
    for (const [key, item] of Object.entries(value)) {
      const path = at.path ? `${at.path}.${key}` : key;
      if (!Object.hasOwn(schema.fields, key)) {
        if (schema.openEnded) out[key] = item;
        else this.unknownFields.push(path);
        continue;
      }
      const decoded = this.value(schema.fields[key]!, item, {
        path,
        structName,
        fieldStack: [...at.fieldStack, key],
      });
      if (decoded !== undefined) out[key] = decoded;
    }
    return out;
  }

  private scalar(
    schema: FieldSchema & { kind: 'scalar' },
    value: unknown,
    at: GoPosition,
  ): unknown {
    const mismatch = (what = goJsonKind(value)) => {
      this.save(unmarshalTypeError(what, schema.goType, at));
      return undefined;
    };
    switch (schema.type) {
      case 'string':
        if (schema.format === 'date-time' && typeof value !== 'string') {
          // metav1.Time unmarshals through a plain string and stops at the first failure.
          throw new StopDecoding(unmarshalTypeError(goJsonKind(value), 'string', at));
        }
        if (typeof value !== 'string') return mismatch();
        if (schema.format === 'byte') {
          const offset = base64ErrorOffset(value);
          if (offset !== undefined) this.save(`illegal base64 data at input byte ${offset}`);
        }
        return value;
      case 'boolean':
        return typeof value === 'boolean' ? value : mismatch();
      case 'number':
        return typeof value === 'number' ? value : mismatch();
      case 'integer':
        if (typeof value !== 'number') return mismatch();
        return fitsInteger(value, schema.format) ? value : mismatch(`number ${value}`);
      case 'int-or-string':
        if (typeof value === 'string') return value;
        if (typeof value === 'number' && fitsInteger(value, 'int32')) return value;
        // IntOrString hands non-strings to a plain int32 decode, which ends decoding at once.
        throw new StopDecoding(
          unmarshalTypeError(
            typeof value === 'number' ? `number ${value}` : goJsonKind(value),
            'int32',
            at,
          ),
        );
      case 'quantity': {
        const problem = quantityError(value);
        if (problem) throw new StopDecoding(problem);
        return value;
      }
    }
  }
}

function fitsInteger(value: number, format: string | undefined): boolean {
  if (!Number.isInteger(value)) return false;
  if (format === 'int32') return value >= -2147483648 && value <= 2147483647;
  return Number.isSafeInteger(value) || Math.abs(value) < 2 ** 63;
}

/** What Go leaves in a list item or map value sent as null. */
function zeroValue(schema: FieldSchema): unknown {
  if (schema.kind === 'struct') return {};
  if (schema.kind !== 'scalar') return null;
  if (schema.type === 'boolean') return false;
  if (schema.type === 'integer' || schema.type === 'number') return 0;
  if (schema.type === 'string') return '';
  return null;
}

function decodeBuiltIn(root: StructSchema, object: KubeObject): DecodeResult {
  const decoder = new GoDecoder();
  try {
    const value = decoder.value(root, object, { path: '', structName: '', fieldStack: [] });
    return decoder.firstError
      ? { value, unknownFields: [], fatal: decoder.firstError, typeErrors: [] }
      : { value, unknownFields: decoder.unknownFields, typeErrors: [] };
  } catch (error) {
    if (error instanceof StopDecoding)
      return { value: object, unknownFields: [], fatal: error.message, typeErrors: [] };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Custom resources: metadata decoded like ObjectMeta, the rest pruned and type-checked against
// the CRD's structural schema, as apiextensions-apiserver does.

const metadataFields = new Set(['apiVersion', 'kind', 'metadata']);

function decodeCustomResource(root: StructSchema, object: KubeObject): DecodeResult {
  const metaDecoder = new GoDecoder();
  const out: Record<string, unknown> = {};
  let metadataUnknown: string[] = [];
  if (object.metadata !== undefined) {
    try {
      // ObjectMeta is decoded on its own: type errors name fields from `metadata` down.
      const decoded = metaDecoder.value(objectMeta, object.metadata, {
        path: '',
        structName: '',
        fieldStack: [],
      });
      if (metaDecoder.firstError)
        return { value: object, unknownFields: [], fatal: metaDecoder.firstError, typeErrors: [] };
      out.metadata = decoded;
      metadataUnknown = metaDecoder.unknownFields.map((path) => `metadata.${path}`);
    } catch (error) {
      if (error instanceof StopDecoding)
        return { value: object, unknownFields: [], fatal: error.message, typeErrors: [] };
      throw error;
    }
  }
  const pruned: string[] = [];
  const typeErrors: FieldError[] = [];
  const rest = Object.fromEntries(Object.entries(object).filter(([key]) => key !== 'metadata'));
  const checked = checkCustom(root, rest, '', pruned, typeErrors) as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (key === 'metadata') continue;
    if (metadataFields.has(key)) out[key] = object[key];
    else if (Object.hasOwn(checked, key)) out[key] = checked[key];
  }
  return {
    value: out,
    unknownFields: [...metadataUnknown, ...pruned.sort()],
    typeErrors,
  };
}

/** JSON-schema type names, as kube-openapi's validator prints them. */
function schemaTypeOf(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return 'object';
}

/** The JSON-schema types a field accepts; empty for anything. */
function acceptedTypesOf(schema: FieldSchema): string[] {
  switch (schema.kind) {
    case 'scalar':
      if (schema.type === 'int-or-string') return ['integer', 'string'];
      if (schema.type === 'quantity') return ['integer', 'number', 'string'];
      if (schema.type === 'number') return ['number', 'integer'];
      return [schema.type];
    case 'list':
      return ['array'];
    case 'free':
      return [];
    default:
      return ['object'];
  }
}

function checkCustom(
  schema: FieldSchema,
  value: unknown,
  path: string,
  pruned: string[],
  typeErrors: FieldError[],
): unknown {
  const accepted = acceptedTypesOf(schema);
  const actual = schemaTypeOf(value);
  if (accepted.length > 0 && !accepted.includes(actual)) {
    typeErrors.push({
      type: 'FieldValueTypeInvalid',
      field: path,
      message: `Invalid value: "${actual}": ${path} in body must be of type ${accepted[0]}: "${actual}"`,
    });
    return value;
  }
  if (schema.kind === 'struct' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (!Object.hasOwn(schema.fields, key)) {
        if (schema.openEnded) out[key] = item;
        else pruned.push(childPath);
        continue;
      }
      if (item === null) continue;
      out[key] = checkCustom(schema.fields[key]!, item, childPath, pruned, typeErrors);
    }
    return out;
  }
  if (schema.kind === 'list' && Array.isArray(value)) {
    return value.map((item, index) =>
      checkCustom(schema.items, item, `${path}[${index}]`, pruned, typeErrors),
    );
  }
  if (schema.kind === 'map' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === null) continue;
      out[key] = checkCustom(schema.values, item, `${path}.${key}`, pruned, typeErrors);
    }
    return out;
  }
  return value;
}

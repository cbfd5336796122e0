import type { KubeObject } from '../api/kube-object.ts';
import type { FieldError } from '../api/status.ts';
import type { DecodeResult } from './decode-object.ts';
import type { FieldSchema, StructSchema } from './field-schema.ts';
import { decodeGo, isPlainObject } from './go-decoder.ts';
import { objectMeta } from './meta-v1.ts';

/**
 * Custom resources (Gateway API): metadata decoded like ObjectMeta, the rest pruned and
 * type-checked against the CRD's structural schema, as apiextensions-apiserver does.
 */

const metadataFields = new Set(['apiVersion', 'kind', 'metadata']);

export function decodeCustomResource(root: StructSchema, object: KubeObject): DecodeResult {
  const out: Record<string, unknown> = {};
  let metadataUnknown: string[] = [];
  if (object.metadata !== undefined) {
    // ObjectMeta is decoded on its own: type errors name fields from `metadata` down.
    const meta = decodeGo(objectMeta, object.metadata);
    if (meta.fatal) return { value: object, unknownFields: [], fatal: meta.fatal, typeErrors: [] };
    out.metadata = meta.value;
    metadataUnknown = meta.unknownFields.map((path) => `metadata.${path}`);
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

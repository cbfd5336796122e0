import { type FieldSchema, goStructName, goTypeOf, type StructSchema } from './field-schema.ts';
import {
  base64ErrorOffset,
  type GoFieldContext,
  goJsonKind,
  quantityError,
  unmarshalTypeError,
} from './go-json-errors.ts';

/** Go's case-sensitive encoding/json decoding into a built-in kind's struct, with its errors. */

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

/**
 * Decodes a JSON value into the Go type `schema` describes: the decoded value and the
 * unknown fields' paths, or the error that stops decoding (`fatal`).
 */
export function decodeGo(
  schema: FieldSchema,
  value: unknown,
): { value: unknown; unknownFields: string[]; fatal?: string } {
  const decoder = new GoDecoder();
  try {
    const decoded = decoder.value(schema, value, { path: '', structName: '', fieldStack: [] });
    return decoder.firstError
      ? { value, unknownFields: [], fatal: decoder.firstError }
      : { value: decoded, unknownFields: decoder.unknownFields };
  } catch (error) {
    if (error instanceof StopDecoding) return { value, unknownFields: [], fatal: error.message };
    throw error;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

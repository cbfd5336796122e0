/**
 * The vocabulary the protobuf message tables are written in. A message maps field numbers (as
 * in k8s.io/api's generated.proto) to JSON names, types and presence. Presence says how Go's
 * encoding/json prints the field of the decoded Go struct, so that a protobuf body becomes the
 * same JSON document kubectl would have sent with `Content-Type: application/json`.
 */

export type ScalarType = 'string' | 'int32' | 'int64' | 'bool' | 'bytes';

/**
 * How a field is printed:
 * - `omitempty`: a value tagged omitempty; left out when zero or empty (the default for
 *   scalars, lists and maps).
 * - `always`: a value without omitempty, or a struct (Go never omits structs); printed even
 *   when the client left it out, as its zero value (the default for messages).
 * - `pointer`: a pointer tagged omitempty; printed exactly when the client sent it, zero or not.
 * - `nullable`: a pointer without omitempty; `null` when the client did not send it.
 * - `inline`: an embedded struct whose fields join the enclosing object.
 * - `omitzero`: a struct left out when it is zero (metadata.creationTimestamp).
 */
export type Presence = 'omitempty' | 'always' | 'pointer' | 'nullable' | 'inline' | 'omitzero';

/** A small message that JSON prints as a scalar: IntOrString, Time, Quantity, FieldsV1. */
export interface ValueDescriptor {
  kind: 'value';
  name: string;
  /** The message's own fields, decoded with every field present. */
  fields: MessageDescriptor;
  /** The JSON value; `byteLength` tells an empty message from one with zero fields. */
  toJson(decoded: Record<string, unknown>, byteLength: number): unknown;
}

export interface MessageDescriptor {
  kind: 'message';
  name: string;
  fields: ReadonlyMap<number, FieldDescriptor>;
}

export type ElementType = ScalarType | MessageDescriptor | ValueDescriptor;

export interface RepeatedType {
  kind: 'repeated';
  of: ElementType;
}

/** Every map in the Kubernetes API has string keys; entries are messages {key = 1, value = 2}. */
export interface MapType {
  kind: 'map';
  values: ElementType;
}

export type FieldType = ElementType | RepeatedType | MapType;

export interface FieldDescriptor {
  number: number;
  /** The JSON name (for `inline`, only used in errors). */
  json: string;
  type: FieldType;
  presence: Presence;
}

/** One row of a message table: field number, JSON name, type and, when not the default, presence. */
export type FieldRow = readonly [number, string, FieldType, Presence?];

export function repeated(of: ElementType): RepeatedType {
  return { kind: 'repeated', of };
}

export function mapOf(values: ElementType): MapType {
  return { kind: 'map', values };
}

export function isScalar(type: FieldType): type is ScalarType {
  return typeof type === 'string';
}

export function message(name: string, rows: readonly FieldRow[]): MessageDescriptor {
  const fields = new Map<number, FieldDescriptor>();
  for (const [number, json, type, presence] of rows) {
    if (fields.has(number)) throw new Error(`${name}: field ${number} declared twice`);
    const fallback = isScalar(type) || type.kind === 'repeated' || type.kind === 'map';
    // Go never omits a struct for omitempty; a table saying so would be wrong.
    if (!fallback && presence === 'omitempty') throw new Error(`${name}.${json}: structs print`);
    fields.set(number, {
      number,
      json,
      type,
      presence: presence ?? (fallback ? 'omitempty' : 'always'),
    });
  }
  return { kind: 'message', name, fields };
}

export function valueMessage(
  name: string,
  rows: readonly FieldRow[],
  toJson: ValueDescriptor['toJson'],
): ValueDescriptor {
  const always = rows.map(([number, json, type]) => [number, json, type, 'always'] as const);
  return { kind: 'value', name, fields: message(name, always), toJson };
}

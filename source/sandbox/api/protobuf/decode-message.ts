import type { Json } from '../kube-object.ts';
import {
  type ElementType,
  type FieldDescriptor,
  type FieldType,
  isScalar,
  type MessageDescriptor,
  type ScalarType,
  type ValueDescriptor,
} from './message-descriptor.ts';
import { ProtobufError, WireReader, WireType } from './wire-reader.ts';

const utf8 = new TextDecoder();
const empty = new Uint8Array(0);

/**
 * Decodes one message into the JSON Go's encoding/json would print for it once decoded into its
 * Go struct. Field numbers the table does not know are skipped, as the real decoder skips them.
 */
export function decodeMessage(descriptor: MessageDescriptor, bytes: Uint8Array): Json {
  const received = readFields(descriptor, bytes);
  const object: Json = {};
  for (const field of descriptor.fields.values()) {
    const sent = received.get(field.number);
    if (field.presence === 'inline') {
      Object.assign(object, decodeElement(field.type as ElementType, joined(sent) ?? empty));
      continue;
    }
    const value = sent === undefined ? undefined : finalValue(field.type, sent);
    switch (field.presence) {
      case 'omitempty':
        if (value !== undefined && !isEmpty(value)) object[field.json] = value;
        break;
      case 'omitzero':
        if (value !== undefined && value !== null) object[field.json] = value;
        break;
      case 'pointer':
        if (value !== undefined) object[field.json] = value;
        break;
      case 'nullable':
        object[field.json] = value === undefined ? null : value;
        break;
      case 'always':
        object[field.json] = value === undefined ? zeroOf(field.type) : value;
        break;
    }
  }
  return object;
}

function decodeValue(descriptor: ValueDescriptor, bytes: Uint8Array): unknown {
  return descriptor.toJson(decodeMessage(descriptor.fields, bytes), bytes.length);
}

function decodeElement(type: ElementType, bytes: Uint8Array): unknown {
  if (isScalar(type)) throw new Error('scalars are read in place');
  return type.kind === 'message' ? decodeMessage(type, bytes) : decodeValue(type, bytes);
}

/**
 * What arrived for each field: the last scalar, a list, a map, or (for a single message) every
 * occurrence's bytes, which protobuf merges by concatenation.
 */
type Received = Map<number, unknown>;

function readFields(descriptor: MessageDescriptor, bytes: Uint8Array): Received {
  const reader = new WireReader(bytes);
  const received: Received = new Map();
  while (!reader.done) {
    const tag = reader.readTag(descriptor.name);
    const field = descriptor.fields.get(tag.field);
    if (!field) {
      reader.skip(tag.wireType);
      continue;
    }
    const { type } = field;
    if (isScalar(type)) {
      received.set(field.number, readScalar(reader, type, tag.wireType, field));
    } else if (type.kind === 'repeated') {
      const list = (received.get(field.number) as unknown[] | undefined) ?? [];
      received.set(field.number, list);
      if (isPackable(type.of) && tag.wireType === WireType.lengthDelimited) {
        const packed = new WireReader(reader.readLengthDelimited());
        while (!packed.done) list.push(readScalar(packed, type.of, WireType.varint, field));
      } else if (isScalar(type.of)) {
        list.push(readScalar(reader, type.of, tag.wireType, field));
      } else {
        list.push(decodeElement(type.of, readBytes(reader, tag.wireType, field)));
      }
    } else if (type.kind === 'map') {
      const map = (received.get(field.number) as Json | undefined) ?? {};
      received.set(field.number, map);
      const [key, value] = readMapEntry(readBytes(reader, tag.wireType, field), type.values, field);
      map[key] = value;
    } else {
      const chunks = (received.get(field.number) as Uint8Array[] | undefined) ?? [];
      received.set(field.number, chunks);
      chunks.push(readBytes(reader, tag.wireType, field));
    }
  }
  return received;
}

function readMapEntry(
  bytes: Uint8Array,
  values: ElementType,
  field: FieldDescriptor,
): [string, unknown] {
  const reader = new WireReader(bytes);
  let key = '';
  let value: unknown;
  while (!reader.done) {
    const tag = reader.readTag(field.json);
    if (tag.field === 1) key = readScalar(reader, 'string', tag.wireType, field) as string;
    else if (tag.field === 2 && isScalar(values))
      value = readScalar(reader, values, tag.wireType, field);
    else if (tag.field === 2) value = decodeElement(values, readBytes(reader, tag.wireType, field));
    else reader.skip(tag.wireType);
  }
  return [key, value ?? (values === 'bytes' ? '' : zeroOf(values))];
}

function readScalar(
  reader: WireReader,
  type: ScalarType,
  wireType: number,
  field: FieldDescriptor,
): unknown {
  switch (type) {
    case 'string':
      return utf8.decode(readBytes(reader, wireType, field));
    case 'bytes':
      return Buffer.from(readBytes(reader, wireType, field)).toString('base64');
    case 'int32':
      return Number(BigInt.asIntN(32, readVarint(reader, wireType, field)));
    case 'int64':
      return Number(BigInt.asIntN(64, readVarint(reader, wireType, field)));
    case 'bool':
      return readVarint(reader, wireType, field) !== 0n;
  }
}

function readVarint(reader: WireReader, wireType: number, field: FieldDescriptor): bigint {
  if (wireType !== WireType.varint) throw wrongWireType(wireType, field);
  return reader.readVarint();
}

function readBytes(reader: WireReader, wireType: number, field: FieldDescriptor): Uint8Array {
  if (wireType !== WireType.lengthDelimited) throw wrongWireType(wireType, field);
  return reader.readLengthDelimited();
}

/** The generated Go decoder names the Go field; its name is the JSON name, capitalised. */
function wrongWireType(wireType: number, field: FieldDescriptor): ProtobufError {
  const goName = field.json.charAt(0).toUpperCase() + field.json.slice(1);
  return new ProtobufError(`proto: wrong wireType = ${wireType} for field ${goName}`);
}

function isPackable(type: ElementType): type is ScalarType {
  return type === 'int32' || type === 'int64' || type === 'bool';
}

function finalValue(type: FieldType, sent: unknown): unknown {
  if (isScalar(type) || type.kind === 'repeated' || type.kind === 'map') return sent;
  return decodeElement(type, joined(sent)!);
}

function joined(sent: unknown): Uint8Array | undefined {
  const chunks = sent as Uint8Array[] | undefined;
  if (!chunks) return undefined;
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** What Go prints for a field nobody set: its type's zero value. */
function zeroOf(type: FieldType): unknown {
  if (isScalar(type)) {
    if (type === 'string') return '';
    if (type === 'bool') return false;
    if (type === 'bytes') return null;
    return 0;
  }
  // A nil slice or map prints as null.
  if (type.kind === 'repeated' || type.kind === 'map') return null;
  return decodeElement(type, empty);
}

function isEmpty(value: unknown): boolean {
  if (value === '' || value === 0 || value === false || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

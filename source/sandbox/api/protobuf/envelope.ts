import { ProtobufError, WireReader, WireType } from './wire-reader.ts';

/** Every Kubernetes protobuf body starts with these four bytes: `k8s\0`. */
export const protobufMagic = Uint8Array.of(0x6b, 0x38, 0x73, 0x00);

/** runtime.Unknown: the object's kind and version, and the object's own protobuf bytes. */
export interface Envelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

const utf8 = new TextDecoder();

/** Reads the magic prefix and the runtime.Unknown message after it, worded like the server. */
export function readEnvelope(body: Uint8Array): Envelope {
  if (body.length === 0) throw new ProtobufError('empty data');
  if (
    body.length < protobufMagic.length ||
    protobufMagic.some((byte, index) => body[index] !== byte)
  ) {
    throw new ProtobufError(
      `provided data does not appear to be a protobuf message, expected prefix [${protobufMagic.join(' ')}]`,
    );
  }
  if (body.length === protobufMagic.length) throw new ProtobufError('empty body');
  const envelope: Envelope = {
    apiVersion: '',
    kind: '',
    raw: new Uint8Array(0),
    contentEncoding: '',
    contentType: '',
  };
  const reader = new WireReader(body.subarray(protobufMagic.length));
  while (!reader.done) {
    const { field, wireType } = reader.readTag('Unknown');
    if (field > 4) {
      reader.skip(wireType);
      continue;
    }
    if (wireType !== WireType.lengthDelimited) {
      const name = ['TypeMeta', 'Raw', 'ContentEncoding', 'ContentType'][field - 1];
      throw new ProtobufError(`proto: wrong wireType = ${wireType} for field ${name}`);
    }
    const bytes = reader.readLengthDelimited();
    if (field === 1) readTypeMeta(bytes, envelope);
    else if (field === 2) envelope.raw = bytes;
    else if (field === 3) envelope.contentEncoding = utf8.decode(bytes);
    else envelope.contentType = utf8.decode(bytes);
  }
  return envelope;
}

/** runtime.TypeMeta {apiVersion = 1, kind = 2} (note: not meta/v1's order). */
function readTypeMeta(bytes: Uint8Array, envelope: Envelope): void {
  const reader = new WireReader(bytes);
  while (!reader.done) {
    const { field, wireType } = reader.readTag('TypeMeta');
    if (field !== 1 && field !== 2) {
      reader.skip(wireType);
      continue;
    }
    if (wireType !== WireType.lengthDelimited) {
      const name = field === 1 ? 'APIVersion' : 'Kind';
      throw new ProtobufError(`proto: wrong wireType = ${wireType} for field ${name}`);
    }
    const value = utf8.decode(reader.readLengthDelimited());
    if (field === 1) envelope.apiVersion = value;
    else envelope.kind = value;
  }
}

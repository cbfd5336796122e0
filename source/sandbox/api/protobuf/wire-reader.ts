/**
 * A reader for the protobuf wire format: every field is a tag (field number and wire type)
 * followed by a varint, 8 bytes, a length-prefixed run of bytes or 4 bytes. Failures are worded
 * like the Go code the API server generates for its types, since those words reach clients.
 */

export const WireType = {
  varint: 0,
  fixed64: 1,
  lengthDelimited: 2,
  startGroup: 3,
  endGroup: 4,
  fixed32: 5,
} as const;

export class ProtobufError extends Error {}

export const unexpectedEof = () => new ProtobufError('unexpected EOF');

export interface Tag {
  field: number;
  wireType: number;
}

export class WireReader {
  readonly #bytes: Uint8Array;
  #offset = 0;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get done(): boolean {
    return this.#offset >= this.#bytes.length;
  }

  /** The next field's tag; `message` names the message being read, for errors. */
  readTag(message: string): Tag {
    const wire = this.readVarint();
    const field = Number(BigInt.asIntN(32, wire >> 3n));
    const wireType = Number(wire & 7n);
    if (wireType === WireType.endGroup) {
      throw new ProtobufError(`proto: ${message}: wiretype end group for non-group`);
    }
    if (field <= 0) {
      throw new ProtobufError(`proto: ${message}: illegal tag ${field} (wire type ${wireType})`);
    }
    return { field, wireType };
  }

  /** An unsigned 64-bit varint; callers narrow it (int32 fields keep the low 32 bits). */
  readVarint(): bigint {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 64n) throw new ProtobufError('proto: integer overflow');
      const byte = this.#next();
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asUintN(64, value);
    }
  }

  readFixed32(): number {
    const bytes = this.#take(4);
    return new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  }

  readFixed64(): bigint {
    const bytes = this.#take(8);
    return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  }

  /** A length-prefixed run of bytes (a string, bytes, a nested message or a packed list). */
  readLengthDelimited(): Uint8Array {
    const length = BigInt.asIntN(64, this.readVarint());
    if (length < 0n) throw new ProtobufError('proto: negative length found during unmarshaling');
    if (length > BigInt(this.#bytes.length - this.#offset)) throw unexpectedEof();
    return this.#take(Number(length));
  }

  /** Passes over a field nobody asked for, groups included, as the real decoder does. */
  skip(wireType: number): void {
    let depth = 0;
    for (;;) {
      switch (wireType) {
        case WireType.varint:
          this.readVarint();
          break;
        case WireType.fixed64:
          this.#take(8);
          break;
        case WireType.lengthDelimited:
          this.readLengthDelimited();
          break;
        case WireType.startGroup:
          depth++;
          break;
        case WireType.endGroup:
          if (depth === 0) throw new ProtobufError('proto: unexpected end of group');
          depth--;
          break;
        case WireType.fixed32:
          this.#take(4);
          break;
        default:
          throw new ProtobufError(`proto: illegal wireType ${wireType}`);
      }
      if (depth === 0) return;
      wireType = Number(this.readVarint() & 7n);
    }
  }

  #next(): number {
    if (this.#offset >= this.#bytes.length) throw unexpectedEof();
    return this.#bytes[this.#offset++]!;
  }

  #take(length: number): Uint8Array {
    if (this.#offset + length > this.#bytes.length) throw unexpectedEof();
    const bytes = this.#bytes.subarray(this.#offset, this.#offset + length);
    this.#offset += length;
    return bytes;
  }
}

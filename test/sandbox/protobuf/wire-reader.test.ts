import { describe, expect, it } from 'vitest';
import { WireReader, WireType } from '../../../source/sandbox/api/protobuf/wire-reader.ts';
import { concat, pb, varintBytes } from '../../support/protobuf-encoder.ts';

const reader = (...bytes: number[]) => new WireReader(Uint8Array.from(bytes));

describe('WireReader', () => {
  it('reads varints of one and several bytes', () => {
    expect(reader(0x00).readVarint()).toBe(0n);
    expect(reader(0x7f).readVarint()).toBe(127n);
    expect(reader(0xac, 0x02).readVarint()).toBe(300n);
    expect(reader(0x80, 0x80, 0x01).readVarint()).toBe(16384n);
  });

  it('reads a negative int32 as the ten-byte two’s complement Go writes', () => {
    const bytes = varintBytes(-1);
    expect(bytes).toHaveLength(10);
    const value = new WireReader(bytes).readVarint();
    expect(value).toBe(2n ** 64n - 1n);
    expect(BigInt.asIntN(32, value)).toBe(-1n);
  });

  it('refuses a varint longer than 64 bits and a truncated one, in the Go decoder’s words', () => {
    expect(() => reader(...new Array(10).fill(0xff), 0x01).readVarint()).toThrow(
      'proto: integer overflow',
    );
    expect(() => reader(0x80, 0x80).readVarint()).toThrow('unexpected EOF');
  });

  it('reads tags, fixed32, fixed64 and length-delimited fields in sequence', () => {
    const bytes = concat(
      pb.fixed32(1, 0xdeadbeef),
      pb.fixed64(2, 0x0102030405060708n),
      pb.string(3, 'héllo'),
      pb.varint(19, 7),
    );
    const wire = new WireReader(bytes);
    expect(wire.readTag('M')).toEqual({ field: 1, wireType: WireType.fixed32 });
    expect(wire.readFixed32()).toBe(0xdeadbeef);
    expect(wire.readTag('M')).toEqual({ field: 2, wireType: WireType.fixed64 });
    expect(wire.readFixed64()).toBe(0x0102030405060708n);
    expect(wire.readTag('M')).toEqual({ field: 3, wireType: WireType.lengthDelimited });
    expect(new TextDecoder().decode(wire.readLengthDelimited())).toBe('héllo');
    expect(wire.readTag('M')).toEqual({ field: 19, wireType: WireType.varint });
    expect(wire.readVarint()).toBe(7n);
    expect(wire.done).toBe(true);
  });

  it('refuses lengths that run past the end or are negative', () => {
    expect(() => reader(0x05, 0x61).readLengthDelimited()).toThrow('unexpected EOF');
    const negative = new WireReader(varintBytes(-2));
    expect(() => negative.readLengthDelimited()).toThrow(
      'proto: negative length found during unmarshaling',
    );
  });

  it('refuses field number 0 and a stray end-group tag, naming the message', () => {
    expect(() => reader(0x00).readTag('ObjectMeta')).toThrow(
      'proto: ObjectMeta: illegal tag 0 (wire type 0)',
    );
    expect(() => reader(0x0c).readTag('ObjectMeta')).toThrow(
      'proto: ObjectMeta: wiretype end group for non-group',
    );
  });

  it('skips every wire type, nested groups included, and stops right after the field', () => {
    const skipped = [
      pb.varint(1, 300),
      pb.fixed64(2, 1n),
      pb.string(3, 'skip me'),
      pb.fixed32(4, 9),
      pb.group(5, pb.varint(1, 1), pb.group(2, pb.string(1, 'deep')), pb.fixed32(3, 1)),
    ];
    const wire = new WireReader(concat(...skipped, pb.varint(6, 42)));
    for (let index = 0; index < skipped.length; index++) {
      wire.skip(wire.readTag('M').wireType);
    }
    expect(wire.readTag('M').field).toBe(6);
    expect(wire.readVarint()).toBe(42n);
  });

  it('refuses unknown wire types and unbalanced groups when skipping', () => {
    expect(() => reader(0x0e).skip(6)).toThrow('proto: illegal wireType 6');
    expect(() => reader().skip(WireType.endGroup)).toThrow('proto: unexpected end of group');
    expect(() => reader(0x08, 0x01).skip(WireType.startGroup)).toThrow('unexpected EOF');
  });
});

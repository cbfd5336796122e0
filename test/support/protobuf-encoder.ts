/** A tiny protobuf writer for hand-built test bodies: each helper returns one encoded field. */

export function varintBytes(value: number | bigint): Uint8Array {
  let rest = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    bytes.push(rest === 0n ? low : low | 0x80);
  } while (rest !== 0n);
  return Uint8Array.from(bytes);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

function tag(field: number, wireType: number): Uint8Array {
  return varintBytes((field << 3) | wireType);
}

export const pb = {
  varint: (field: number, value: number | bigint | boolean) =>
    concat(tag(field, 0), varintBytes(typeof value === 'boolean' ? Number(value) : value)),
  bytes: (field: number, value: Uint8Array) =>
    concat(tag(field, 2), varintBytes(value.length), value),
  string: (field: number, value: string) => pb.bytes(field, new TextEncoder().encode(value)),
  message: (field: number, ...parts: Uint8Array[]) => pb.bytes(field, concat(...parts)),
  /** One entry of a map<string, string>: a message {key = 1, value = 2}. */
  entry: (field: number, key: string, value: string) =>
    pb.message(field, pb.string(1, key), pb.string(2, value)),
  fixed32: (field: number, value: number) => {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value, true);
    return concat(tag(field, 5), bytes);
  },
  fixed64: (field: number, value: bigint) => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, value, true);
    return concat(tag(field, 1), bytes);
  },
  group: (field: number, ...parts: Uint8Array[]) => concat(tag(field, 3), ...parts, tag(field, 4)),
};

/** A whole request body: `k8s\0` and a runtime.Unknown around the object's own bytes. */
export function kubernetesBody(apiVersion: string, kind: string, ...object: Uint8Array[]) {
  return concat(
    Uint8Array.of(0x6b, 0x38, 0x73, 0x00),
    pb.message(1, pb.string(1, apiVersion), pb.string(2, kind)),
    pb.message(2, ...object),
    pb.string(3, ''),
    pb.string(4, ''),
  );
}

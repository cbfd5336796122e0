import { servedKubernetesVersion } from '../api/discovery.ts';

/**
 * `/openapi/v2`, which kubectl 1.27 and 1.28 download before `create` or `apply` may validate
 * (and fail without). The sandbox publishes its schemas in `/openapi/v3`, which those clients
 * consult for field validation; this document is valid but carries no definitions, so what
 * reads it (client-side apply's patch metadata) falls back to kubectl's compiled-in types,
 * which agree with the v3 schemas for the built-in kinds.
 */

// Asked for as `…spec.v2@v1.0+protobuf`, answered with the newer spelling Go's mime parser accepts.
const protobufType = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function title(): { title: string; version: string } {
  const { major, minor, patch } = servedKubernetesVersion;
  return { title: 'Kubernetes', version: `v${major}.${minor}.${patch}` };
}

/** Protobuf length-delimited field: tag, varint length, bytes. */
function lengthDelimited(field: number, payload: Buffer): Buffer {
  const length: number[] = [];
  let rest = payload.length;
  do {
    length.push((rest & 0x7f) | (rest > 0x7f ? 0x80 : 0));
    rest >>>= 7;
  } while (rest > 0);
  return Buffer.concat([Buffer.from([(field << 3) | 2, ...length]), payload]);
}

function text(field: number, value: string): Buffer {
  return lengthDelimited(field, Buffer.from(value, 'utf8'));
}

/** gnostic's openapi_v2.Document: `swagger` (1) and `info` (2: title 1, version 2). */
function protobufDocument(): Buffer {
  const info = title();
  return Buffer.concat([
    text(1, '2.0'),
    lengthDelimited(2, Buffer.concat([text(1, info.title), text(2, info.version)])),
  ]);
}

export interface OpenApiV2Response {
  contentType: string;
  body: Buffer | string;
}

/** Protobuf when asked for it (kubectl always is), JSON otherwise. */
export function openApiV2(accept: string): OpenApiV2Response {
  if (accept.includes('protobuf')) return { contentType: protobufType, body: protobufDocument() };
  return {
    contentType: 'application/json',
    body: JSON.stringify({ swagger: '2.0', info: title(), paths: {}, definitions: {} }),
  };
}

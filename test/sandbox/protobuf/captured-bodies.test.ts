import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../source/sandbox/api/kube-object.ts';
import { decodeProtobufBody } from '../../../source/sandbox/api/protobuf/decode-protobuf-body.ts';
import { resourceForKind } from '../../../source/sandbox/resources/catalog.ts';
import { decodeObject } from '../../../source/sandbox/schema/decode-object.ts';
import { apiErrorFrom } from '../../support/api-error.ts';
import { kubernetesBody, pb } from '../../support/protobuf-encoder.ts';

/**
 * Request bodies real kubectl 1.33 sent for imperative `create` commands, captured with
 * test/fixtures/protobuf/capture.sh, beside what `--dry-run=client -o json` prints for the same
 * command: the JSON kubectl would have sent instead.
 */
const fixtures = join(import.meta.dirname, '../../fixtures/protobuf');
const captured = readdirSync(fixtures)
  .filter((file) => file.endsWith('.pb'))
  .map((file) => file.slice(0, -'.pb'.length));

/**
 * kubectl 1.33's client library prints the zero `creationTimestamp` as null; the 1.36 types the
 * sandbox follows leave it out (`omitzero`). Either way the server sets it.
 */
function withoutZeroTimestamps(object: Json): Json {
  const copy = structuredClone(object);
  for (const meta of [copy.metadata, copy.spec?.template?.metadata]) {
    if (meta && meta.creationTimestamp === null) delete meta.creationTimestamp;
  }
  return copy;
}

const failure = (action: () => unknown) => apiErrorFrom(action);

describe('protobuf bodies captured from kubectl 1.33', () => {
  it('has the captures this file tests', () => {
    expect(captured).toEqual(
      expect.arrayContaining([
        'deployment-echo',
        'service-clusterip',
        'service-nodeport',
        'namespace',
        'configmap',
        'secret-generic',
        'ingress',
      ]),
    );
  });

  it.each(captured)('%s decodes to the JSON kubectl prints for the same command', (name) => {
    const body = readFileSync(join(fixtures, `${name}.pb`));
    const printed = JSON.parse(readFileSync(join(fixtures, `${name}.json`), 'utf8'));
    expect(withoutZeroTimestamps(decodeProtobufBody(body))).toEqual(withoutZeroTimestamps(printed));
  });

  it.each(captured)('%s passes strict field validation with no unknown fields', (name) => {
    const object = decodeProtobufBody(readFileSync(join(fixtures, `${name}.pb`)));
    const def = resourceForKind(object.apiVersion, object.kind);
    expect(def).toBeDefined();
    expect(decodeObject(def!, object, 'Strict').warnings).toEqual([]);
  });
});

describe('decodeProtobufBody', () => {
  const expected = { apiVersion: 'apps/v1', kind: 'Deployment' };

  it('refuses a body without the k8s magic as the server does, summarising it', () => {
    const error = failure(() => decodeProtobufBody(Buffer.from('{"kind":"Deployment"}'), expected));
    expect(error.code).toBe(400);
    expect(error.message).toBe(
      'the object provided is unrecognized (must be of type Deployment): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"kind":"Deployment"})',
    );
    expect(failure(() => decodeProtobufBody(new Uint8Array(), expected)).message).toBe(
      'the object provided is unrecognized (must be of type Deployment): empty data (<empty>)',
    );
  });

  it('names the kind when the object inside the envelope is broken', () => {
    const body = kubernetesBody('apps/v1', 'Deployment', pb.message(1, pb.string(1, 'echo')));
    const truncated = body.subarray(0, body.length - 6);
    const error = failure(() => decodeProtobufBody(truncated, expected));
    expect(error.code).toBe(400);
    expect(error.message).toMatch(
      /^the object provided is unrecognized \(must be of type Deployment\): unexpected EOF/,
    );
    const shortMetadata = kubernetesBody('apps/v1', 'Deployment', Uint8Array.of(0x0a, 0x05, 0x0a));
    expect(failure(() => decodeProtobufBody(shortMetadata, expected)).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: unexpected EOF',
    );
    const badField = kubernetesBody('apps/v1', 'Deployment', pb.varint(2, 3));
    expect(failure(() => decodeProtobufBody(badField, expected)).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: proto: wrong wireType = 0 for field Spec',
    );
  });

  it('takes the kind and version the envelope leaves out from the URL', () => {
    const body = kubernetesBody('', '', pb.message(1, pb.string(1, 'echo')));
    expect(decodeProtobufBody(body, expected)).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'echo' },
    });
  });

  it('says plainly which kinds it cannot read, with 415', () => {
    const body = kubernetesBody('batch/v1', 'Job', pb.message(1, pb.string(1, 'once')));
    const error = failure(() => decodeProtobufBody(body));
    expect(error.code).toBe(415);
    expect(error.reason).toBe('UnsupportedMediaType');
    expect(error.message).toContain('Job (batch/v1)');
  });
});

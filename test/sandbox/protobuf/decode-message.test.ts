import { describe, expect, it } from 'vitest';
import { configMap, servicePort } from '../../../source/sandbox/api/protobuf/core-v1-messages.ts';
import { pod } from '../../../source/sandbox/api/protobuf/core-v1-pod-messages.ts';
import { decodeMessage } from '../../../source/sandbox/api/protobuf/decode-message.ts';
import {
  mapOf,
  message,
  repeated,
} from '../../../source/sandbox/api/protobuf/message-descriptor.ts';
import { objectMeta } from '../../../source/sandbox/api/protobuf/meta-v1-messages.ts';
import {
  fieldsV1,
  intOrString,
  quantity,
  time,
} from '../../../source/sandbox/api/protobuf/scalar-messages.ts';
import { concat, pb, varintBytes } from '../../support/protobuf-encoder.ts';

const inner = message('Inner', [
  [1, 'count', 'int32', 'always'],
  [2, 'note', 'string'],
]);

/** One field of each presence, as Go's encoding/json prints them. */
const sample = message('Sample', [
  [1, 'name', 'string'],
  [2, 'port', 'int32', 'always'],
  [3, 'replicas', 'int32', 'pointer'],
  [4, 'pathType', 'string', 'nullable'],
  [5, 'items', repeated('string'), 'always'],
  [6, 'spec', inner],
  [7, 'embedded', inner, 'inline'],
  [8, 'labels', mapOf('string')],
  [9, 'sizes', repeated('int64')],
  [10, 'enabled', 'bool'],
  [11, 'data', mapOf('bytes')],
  [12, 'limits', mapOf(quantity)],
  [13, 'children', repeated(inner)],
]);

describe('decodeMessage', () => {
  it('prints a message nobody filled in the way Go prints the zero struct', () => {
    expect(decodeMessage(sample, new Uint8Array())).toEqual({
      port: 0,
      pathType: null,
      items: null,
      spec: { count: 0 },
      count: 0,
    });
  });

  it('leaves out zero omitempty values but keeps zero pointers', () => {
    const bytes = concat(
      pb.string(1, ''),
      pb.varint(3, 0),
      pb.varint(10, false),
      pb.string(4, 'Prefix'),
    );
    expect(decodeMessage(sample, bytes)).toMatchObject({ replicas: 0, pathType: 'Prefix' });
    expect(decodeMessage(sample, bytes)).not.toHaveProperty('name');
    expect(decodeMessage(sample, bytes)).not.toHaveProperty('enabled');
  });

  it('merges an inline struct into its parent and decodes nested and repeated messages', () => {
    const bytes = concat(
      pb.message(6, pb.varint(1, 2), pb.string(2, 'spec')),
      pb.message(7, pb.varint(1, 5), pb.string(2, 'inline')),
      pb.message(13, pb.varint(1, 1)),
      pb.message(13, pb.string(2, 'second')),
    );
    expect(decodeMessage(sample, bytes)).toMatchObject({
      spec: { count: 2, note: 'spec' },
      count: 5,
      note: 'inline',
      children: [{ count: 1 }, { count: 0, note: 'second' }],
    });
  });

  it('merges a single message sent twice, as protobuf concatenation does', () => {
    const bytes = concat(pb.message(6, pb.varint(1, 2)), pb.message(6, pb.string(2, 'later')));
    expect(decodeMessage(sample, bytes).spec).toEqual({ count: 2, note: 'later' });
  });

  it('reads maps (later keys win), bytes as base64 and quantities as strings', () => {
    const bytes = concat(
      pb.entry(8, 'app', 'echo'),
      pb.entry(8, 'tier', 'web'),
      pb.entry(8, 'app', 'changed'),
      pb.message(11, pb.string(1, 'bin'), pb.bytes(2, Uint8Array.of(0, 1, 2, 0xff))),
      pb.message(12, pb.string(1, 'cpu'), pb.message(2, pb.string(1, '250m'))),
      pb.message(12, pb.string(1, 'memory')),
    );
    expect(decodeMessage(sample, bytes)).toMatchObject({
      labels: { app: 'changed', tier: 'web' },
      data: { bin: 'AAEC/w==' },
      limits: { cpu: '250m', memory: '0' },
    });
  });

  it('reads repeated integers packed or one by one, negative ones included', () => {
    const packed = pb.bytes(9, concat(varintBytes(1), varintBytes(-5), varintBytes(2 ** 40)));
    expect(decodeMessage(sample, concat(packed, pb.varint(9, 7))).sizes).toEqual([
      1,
      -5,
      2 ** 40,
      7,
    ]);
    expect(decodeMessage(sample, pb.varint(2, -1)).port).toBe(-1);
  });

  it('keeps the last value of a scalar sent twice', () => {
    expect(decodeMessage(sample, concat(pb.varint(2, 1), pb.varint(2, 2))).port).toBe(2);
  });

  it('skips field numbers it does not know, whatever their wire type', () => {
    const bytes = concat(
      pb.varint(99, 1),
      pb.string(100, 'future field'),
      pb.fixed32(101, 1),
      pb.fixed64(102, 1n),
      pb.group(103, pb.string(1, 'old group')),
      pb.string(1, 'kept'),
    );
    expect(decodeMessage(sample, bytes)).toMatchObject({ name: 'kept' });
  });

  it('refuses a known field sent with the wrong wire type, in the Go decoder’s words', () => {
    expect(() => decodeMessage(sample, pb.varint(1, 3))).toThrow(
      'proto: wrong wireType = 0 for field Name',
    );
    expect(() => decodeMessage(sample, pb.string(2, 'x'))).toThrow(
      'proto: wrong wireType = 2 for field Port',
    );
  });

  it('reads a ServicePort: port always, targetPort as number or name, appProtocol if sent', () => {
    const numbered = concat(pb.varint(3, 80), pb.message(4, pb.varint(1, 0), pb.varint(2, 8080)));
    expect(decodeMessage(servicePort, numbered)).toEqual({ port: 80, targetPort: 8080 });
    const named = concat(
      pb.string(1, 'web'),
      pb.string(2, 'TCP'),
      pb.varint(3, 443),
      pb.message(4, pb.varint(1, 1), pb.string(3, 'https')),
      pb.string(6, ''),
    );
    expect(decodeMessage(servicePort, named)).toEqual({
      name: 'web',
      protocol: 'TCP',
      port: 443,
      targetPort: 'https',
      appProtocol: '',
    });
    expect(decodeMessage(servicePort, new Uint8Array())).toEqual({ port: 0, targetPort: 0 });
  });

  it('prints Time in RFC 3339 without nanoseconds, and the zero Time as nothing at all', () => {
    const bytes = concat(
      pb.string(1, 'web'),
      pb.message(8),
      pb.message(9, pb.varint(1, 1_790_000_000), pb.varint(2, 123_000_000)),
      pb.varint(10, 30),
    );
    expect(decodeMessage(objectMeta, bytes)).toEqual({
      name: 'web',
      deletionTimestamp: '2026-09-21T14:13:20Z',
      deletionGracePeriodSeconds: 30,
    });
    expect(time.toJson({ seconds: 0, nanos: 0 }, 4)).toBe('1970-01-01T00:00:00Z');
  });

  it('reads managed fields with their time and fieldsV1 JSON', () => {
    const fields = '{"f:data":{"f:a":{}}}';
    const bytes = pb.message(
      17,
      pb.string(1, 'kubectl-create'),
      pb.string(2, 'Update'),
      pb.string(3, 'v1'),
      pb.message(4, pb.varint(1, 1_790_000_000)),
      pb.string(6, 'FieldsV1'),
      pb.message(7, pb.string(1, fields)),
    );
    expect(decodeMessage(objectMeta, bytes).managedFields).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: '2026-09-21T14:13:20Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:a': {} } },
      },
    ]);
    expect(fieldsV1.toJson({ raw: null }, 0)).toBeNull();
    expect(intOrString.toJson({ type: 1, intVal: 0, strVal: 'http' }, 7)).toBe('http');
  });

  it('reads a ConfigMap with text and binary data and an immutable flag', () => {
    const bytes = concat(
      pb.message(1, pb.string(1, 'settings')),
      pb.entry(2, 'mode', 'demo'),
      pb.message(3, pb.string(1, 'logo'), pb.bytes(2, Uint8Array.of(0x89, 0x50))),
      pb.varint(4, true),
    );
    expect(decodeMessage(configMap, bytes)).toEqual({
      metadata: { name: 'settings' },
      data: { mode: 'demo' },
      binaryData: { logo: 'iVA=' },
      immutable: true,
    });
  });

  it('reads a Pod with probes, env, volumes and resources as kubectl would print it', () => {
    const container = concat(
      pb.string(1, 'app'),
      pb.string(2, 'registry.k8s.io/e2e-test-images/agnhost:2.66.1'),
      pb.string(4, 'netexec'),
      pb.message(6, pb.string(1, 'http'), pb.varint(3, 8080), pb.string(4, 'TCP')),
      pb.message(
        7,
        pb.string(1, 'POD_NAME'),
        pb.message(3, pb.message(1, pb.string(1, 'v1'), pb.string(2, 'metadata.name'))),
      ),
      pb.message(
        7,
        pb.string(1, 'MODE'),
        pb.message(3, pb.message(3, pb.message(1, pb.string(1, 'settings')), pb.string(2, 'mode'))),
      ),
      pb.message(8, pb.message(2, pb.string(1, 'cpu'), pb.message(2, pb.string(1, '100m')))),
      pb.message(9, pb.string(1, 'cache'), pb.string(3, '/cache')),
      pb.message(
        11,
        pb.message(1, pb.message(2, pb.string(1, '/readyz'), pb.message(2, pb.varint(2, 8080)))),
        pb.varint(4, 2),
      ),
      pb.message(
        10,
        pb.message(1, pb.message(3, pb.message(1, pb.varint(1, 1), pb.string(3, 'http')))),
      ),
      pb.string(14, 'IfNotPresent'),
    );
    const spec = concat(
      pb.message(1, pb.string(1, 'cache'), pb.message(2, pb.message(2))),
      pb.message(
        1,
        pb.string(1, 'settings'),
        pb.message(2, pb.message(19, pb.message(1, pb.string(1, 'settings')), pb.varint(3, 420))),
      ),
      pb.message(2, container),
      pb.string(3, 'Always'),
      pb.varint(4, 30),
      pb.entry(7, 'kubernetes.io/os', 'linux'),
      pb.message(
        22,
        pb.string(1, 'node.kubernetes.io/not-ready'),
        pb.string(2, 'Exists'),
        pb.varint(5, 300),
      ),
    );
    const bytes = concat(
      pb.message(1, pb.string(1, 'client'), pb.entry(11, 'run', 'client')),
      pb.message(2, spec),
      pb.message(3),
    );
    expect(decodeMessage(pod, bytes)).toEqual({
      metadata: { name: 'client', labels: { run: 'client' } },
      spec: {
        volumes: [
          { name: 'cache', emptyDir: {} },
          { name: 'settings', configMap: { name: 'settings', defaultMode: 420 } },
        ],
        containers: [
          {
            name: 'app',
            image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
            args: ['netexec'],
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            env: [
              {
                name: 'POD_NAME',
                valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } },
              },
              { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'settings', key: 'mode' } } },
            ],
            resources: { requests: { cpu: '100m' } },
            volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
            readinessProbe: { httpGet: { path: '/readyz', port: 8080 }, periodSeconds: 2 },
            livenessProbe: { tcpSocket: { port: 'http' } },
            imagePullPolicy: 'IfNotPresent',
          },
        ],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        nodeSelector: { 'kubernetes.io/os': 'linux' },
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        ],
      },
      status: {},
    });
  });
});

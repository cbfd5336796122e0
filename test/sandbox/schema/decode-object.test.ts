import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { ApiError } from '../../../source/sandbox/api/status.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import {
  type DecodeOptions,
  decodeObject,
  type FieldValidation,
} from '../../../source/sandbox/schema/decode-object.ts';

const services = resourceById('/services');
const deployments = resourceById('apps/deployments');
const secrets = resourceById('/secrets');
const pods = resourceById('/pods');
const httpRoutes = resourceById('gateway.networking.k8s.io/httproutes');

function service(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'echo', namespace: 'default', ...metadata },
    spec,
  } as KubeObject;
}

/** The ApiError a decode throws, or a failure when it does not throw. */
function failure(
  def: typeof services,
  object: KubeObject,
  validation: FieldValidation = 'Strict',
  options?: DecodeOptions,
): ApiError {
  try {
    decodeObject(def, object, validation, options);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the decode to fail');
}

describe('decodeObject on built-in kinds', () => {
  const misCased = service({ clusterIp: '10.96.0.50', ports: [{ port: 80 }] });

  it('refuses a mis-cased field under Strict with the real strict decoding error', () => {
    const error = failure(services, misCased);
    expect(error.code).toBe(400);
    expect(error.reason).toBe('BadRequest');
    expect(error.message).toBe(
      'Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.clusterIp"',
    );
  });

  it('lists several unknown fields in document order, with list indices in the path', () => {
    const object = service(
      { ports: [{ port: 80 }, { port: 81, nodeport: 30080 }], selecter: { app: 'echo' } },
      { lables: { app: 'echo' } },
    );
    expect(failure(services, object).message).toBe(
      'Service in version "v1" cannot be handled as a Service: strict decoding error: ' +
        'unknown field "metadata.lables", unknown field "spec.ports[1].nodeport", unknown field "spec.selecter"',
    );
  });

  it('turns the findings into warnings under Warn and drops the fields', () => {
    const result = decodeObject(services, misCased, 'Warn');
    expect(result.warnings).toEqual(['unknown field "spec.clusterIp"']);
    expect(result.object.spec).toEqual({ ports: [{ port: 80 }] });
  });

  it('drops unknown fields silently under Ignore', () => {
    const result = decodeObject(services, misCased, 'Ignore');
    expect(result.warnings).toEqual([]);
    expect(result.object.spec).toEqual({ ports: [{ port: 80 }] });
  });

  it('keeps every known field, free-form maps included', () => {
    const object = service(
      {
        type: 'NodePort',
        clusterIP: '10.96.0.50',
        selector: { app: 'echo', 'app.kubernetes.io/part-of': 'tutor' },
        ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, protocol: 'TCP' }],
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } },
      },
      { labels: { tier: 'web' }, annotations: { note: 'anything goes' } },
    );
    const result = decodeObject(services, structuredClone(object), 'Strict');
    expect(result.object).toEqual(object);
    expect(result.warnings).toEqual([]);
  });

  it('drops nulls, as decoding into Go values does', () => {
    const result = decodeObject(services, service({ clusterIP: null, ports: [] }), 'Strict');
    expect(result.object.spec).toEqual({ ports: [] });
  });

  it('knows the pod template inside a Deployment', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'echo', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'echo' } },
        template: {
          metadata: { labels: { app: 'echo' } },
          spec: {
            containers: [{ name: 'agnhost', image: 'agnhost', ports: [{ containerport: 8080 }] }],
          },
        },
      },
    } as KubeObject;
    expect(failure(deployments, deployment).message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].ports[0].containerport"',
    );
  });
});

describe('decodeObject type errors on built-in kinds', () => {
  it('refuses a string where an int32 belongs, naming the Go struct field', () => {
    const error = failure(services, service({ ports: [{ port: '80' }] }), 'Ignore');
    expect(error.code).toBe(400);
    expect(error.message).toBe(
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32',
    );
  });

  it('prints the number Go could not fit into an integer', () => {
    expect(failure(services, service({ ports: [{ port: 80.5 }] })).message).toContain(
      'json: cannot unmarshal number 80.5 into Go struct field ServicePort.spec.ports.port of type int32',
    );
  });

  it('names a struct type and a list type when the shape is wrong', () => {
    expect(failure(services, service('ClusterIP' as never)).message).toContain(
      'json: cannot unmarshal string into Go struct field Service.spec of type v1.ServiceSpec',
    );
    expect(failure(services, service({ ports: { port: 80 } })).message).toContain(
      'json: cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []v1.ServicePort',
    );
  });

  it('names map values by the struct that holds the map', () => {
    expect(failure(services, service({}, { labels: { replicas: 3 } })).message).toContain(
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    );
  });

  it('refuses an int-or-string that is neither, the way IntOrString decodes it', () => {
    expect(failure(services, service({ ports: [{ port: 80, targetPort: true }] })).message).toBe(
      'Service in version "v1" cannot be handled as a Service: json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32',
    );
  });

  it('reports a type error rather than unknown fields when both occur', () => {
    const error = failure(services, service({ clusterIp: 'x', ports: [{ port: '80' }] }));
    expect(error.message).toContain('json: cannot unmarshal string');
    expect(error.message).not.toContain('strict decoding error');
  });

  it('refuses Secret data that is not base64 at the byte Go stops', () => {
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default' },
      data: { password: 'hunter2!' },
    } as KubeObject;
    expect(failure(secrets, secret).message).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 7',
    );
    secret.data = { password: 'aHVudGVyMg==' };
    expect(decodeObject(secrets, secret, 'Strict').object.data).toEqual({
      password: 'aHVudGVyMg==',
    });
  });

  it('refuses a resource quantity that does not parse', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', resources: { limits: { cpu: 'lots' } } }] },
    } as KubeObject;
    expect(failure(pods, pod).message).toBe(
      'Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
    );
    pod.spec.containers[0].resources.limits = { cpu: '250m', memory: 128974848 };
    expect(() => decodeObject(pods, pod, 'Strict')).not.toThrow();
  });
});

describe('decodeObject on a patched object', () => {
  it('reports unknown fields as the PATCH handler does: 422 on the patched object', () => {
    const error = failure(services, service({ clusterIp: '10.96.0.50' }), 'Strict', {
      origin: 'patch',
    });
    expect(error.code).toBe(422);
    expect(error.reason).toBe('Invalid');
    expect(error.message).toBe(
      ' "" is invalid: patch: Invalid value: "{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"Service\\",\\"metadata\\":{\\"name\\":\\"echo\\",\\"namespace\\":\\"default\\"},\\"spec\\":{\\"clusterIp\\":\\"10.96.0.50\\"}}": strict decoding error: unknown field "spec.clusterIp"',
    );
    expect(error.details?.causes).toEqual([
      expect.objectContaining({ reason: 'FieldValueInvalid', field: 'patch' }),
    ]);
  });

  it('prints the description it is given instead of the object', () => {
    const error = failure(services, service({ clusterIp: 'x' }), 'Strict', {
      origin: 'patch',
      patchDescription: 'map[spec:map[clusterIp:x]]',
    });
    expect(error.message).toContain('patch: Invalid value: "map[spec:map[clusterIp:x]]": strict');
  });
});

describe('decodeObject on custom resources (Gateway API)', () => {
  const route = (spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) =>
    ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'echo', namespace: 'default', ...metadata },
      spec,
    }) as KubeObject;

  it('lists unknown metadata fields first, then the pruned paths sorted', () => {
    const object = route(
      { rules: [{ backendRefs: [{ name: 'echo', port: 80, wieght: 1 }] }], hostname: 'x' },
      { label: {} },
    );
    expect(failure(httpRoutes, object).message).toBe(
      'HTTPRoute in version "v1" cannot be handled as a HTTPRoute: strict decoding error: ' +
        'unknown field "metadata.label", unknown field "spec.hostname", unknown field "spec.rules[0].backendRefs[0].wieght"',
    );
  });

  it('prunes unknown fields under Warn and Ignore', () => {
    const object = route({ hostnames: ['a.example'], hostname: 'x' });
    const warned = decodeObject(httpRoutes, structuredClone(object), 'Warn');
    expect(warned.warnings).toEqual(['unknown field "spec.hostname"']);
    expect(warned.object.spec).toEqual({ hostnames: ['a.example'] });
    expect(decodeObject(httpRoutes, object, 'Ignore').warnings).toEqual([]);
  });

  it('fails schema validation (422) for a value of the wrong type', () => {
    const error = failure(
      httpRoutes,
      route({ rules: [{ backendRefs: [{ name: 'echo', port: '80' }] }] }),
      'Ignore',
    );
    expect(error.code).toBe(422);
    expect(error.message).toBe(
      'HTTPRoute.gateway.networking.k8s.io "echo" is invalid: spec.rules[0].backendRefs[0].port: Invalid value: "string": spec.rules[0].backendRefs[0].port in body must be of type integer: "string"',
    );
    expect(error.details?.causes).toEqual([
      {
        reason: 'FieldValueTypeInvalid',
        field: 'spec.rules[0].backendRefs[0].port',
        message:
          'Invalid value: "string": spec.rules[0].backendRefs[0].port in body must be of type integer: "string"',
      },
    ]);
  });
});

describe('decodeObject on kinds without a schema', () => {
  it('passes the object through untouched', () => {
    const def = { ...services, id: 'example.com/widgets', kind: 'Widget' };
    const object = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: {}, anything: 1 };
    expect(decodeObject(def, object as KubeObject, 'Strict')).toEqual({ object, warnings: [] });
  });
});

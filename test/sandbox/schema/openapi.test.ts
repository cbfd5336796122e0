import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../../source/sandbox/api/kube-object.ts';
import { resourceCatalog } from '../../../source/sandbox/resources/catalog.ts';
import {
  openApiDocument,
  openApiGroupVersion,
  openApiIndex,
} from '../../../source/sandbox/schema/openapi.ts';

const none = new URLSearchParams();

function operations(document: Json): Json[] {
  return Object.values(document.paths as Json).flatMap((path: Json) =>
    ['get', 'put', 'post', 'patch', 'delete']
      .filter((verb) => path[verb])
      .map((verb) => path[verb]),
  );
}

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref') found.push(inner as string);
      else refsIn(inner, found);
    }
  }
  return found;
}

describe('the /openapi/v3 index', () => {
  it('lists one document per served group version, with the hash of its content', () => {
    const index = openApiIndex();
    const expected = [
      ...new Set(
        resourceCatalog.map((def) =>
          def.group ? `apis/${def.group}/${def.version}` : `api/${def.version}`,
        ),
      ),
    ];
    expect(Object.keys(index.paths).sort()).toEqual(expected.sort());
    for (const [name, entry] of Object.entries(index.paths as Record<string, Json>)) {
      const response = openApiDocument(`/openapi/v3/${name}`, none)!;
      const hash = createHash('sha512').update(response.body).digest('hex').toUpperCase();
      expect(entry.serverRelativeURL).toBe(`/openapi/v3/${name}?hash=${hash}`);
      expect(response.headers.ETag).toBe(`"${hash}"`);
    }
  });

  it('marks a URL with the current hash immutable', () => {
    const url = new URL(openApiIndex().paths['api/v1'].serverRelativeURL, 'https://sandbox');
    const response = openApiDocument(url.pathname, url.searchParams)!;
    expect(response.headers['Cache-Control']).toBe('public, immutable');
  });

  it('answers 404 (undefined) for group versions it does not serve', () => {
    expect(openApiDocument('/openapi/v3/apis/batch/v1', none)).toBeUndefined();
  });
});

describe('group-version documents', () => {
  it('declare fieldValidation on every PATCH, POST and PUT, with the GVK kubectl matches', () => {
    for (const def of resourceCatalog) {
      const name = def.group ? `apis/${def.group}/${def.version}` : `api/${def.version}`;
      const document = openApiGroupVersion(name)!;
      const writes = operations(document).filter(
        (op) =>
          ['patch', 'post', 'put'].includes(op['x-kubernetes-action']) &&
          op['x-kubernetes-group-version-kind'].kind === def.kind,
      );
      expect(writes.length, def.kind).toBeGreaterThanOrEqual(3);
      for (const op of writes) {
        expect(op.parameters.map((p: Json) => p.name)).toContain('fieldValidation');
        expect(op['x-kubernetes-group-version-kind']).toEqual({
          group: def.group,
          version: def.version,
          kind: def.kind,
        });
      }
    }
  });

  it('offer strategic merge patch for built-in kinds only', () => {
    const service =
      openApiGroupVersion('api/v1')!.paths['/api/v1/namespaces/{namespace}/services/{name}'];
    expect(Object.keys(service.patch.requestBody.content)).toContain(
      'application/strategic-merge-patch+json',
    );
    const route = openApiGroupVersion('apis/gateway.networking.k8s.io/v1')!.paths[
      '/apis/gateway.networking.k8s.io/v1/namespaces/{namespace}/httproutes/{name}'
    ];
    expect(Object.keys(route.patch.requestBody.content)).not.toContain(
      'application/strategic-merge-patch+json',
    );
  });

  it('name components like the real server and publish patch metadata on them', () => {
    const schemas = openApiGroupVersion('api/v1')!.components.schemas;
    expect(schemas['io.k8s.api.core.v1.Service']['x-kubernetes-group-version-kind']).toEqual([
      { group: '', version: 'v1', kind: 'Service' },
    ]);
    expect(schemas['io.k8s.api.core.v1.ServiceSpec'].properties.ports).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/io.k8s.api.core.v1.ServicePort' },
      'x-kubernetes-patch-merge-key': 'port',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['port', 'protocol'],
    });
    expect(schemas['io.k8s.api.core.v1.ServicePort'].properties.targetPort).toEqual({
      $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString',
    });
    expect(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toEqual({
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
    });
    const gateway = openApiGroupVersion('apis/gateway.networking.k8s.io/v1')!.components.schemas;
    expect(gateway['io.k8s.networking.gateway.v1.HTTPRoute']).toMatchObject({
      properties: {
        metadata: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
      },
      'x-kubernetes-group-version-kind': [
        { group: 'gateway.networking.k8s.io', version: 'v1', kind: 'HTTPRoute' },
      ],
    });
  });

  it('resolve every $ref within the same document', () => {
    for (const name of Object.keys(openApiIndex().paths)) {
      const document = openApiGroupVersion(name)!;
      const missing = refsIn(document)
        .map((ref) => ref.replace('#/components/schemas/', ''))
        .filter((component) => !document.components.schemas[component]);
      expect(missing, name).toEqual([]);
    }
  });
});

describe('/openapi/v2', () => {
  it('answers kubectl with a protobuf Document that has swagger 2.0 and an info title', () => {
    const response = openApiDocument(
      '/openapi/v2',
      none,
      'application/com.github.proto-openapi.spec.v2@v1.0+protobuf',
    )!;
    expect(response.contentType).toBe('application/com.github.proto-openapi.spec.v2.v1.0+protobuf');
    const body = response.body as Buffer;
    // field 1 (swagger), length 3, "2.0"; then field 2 (info) holding title and version.
    expect([...body.subarray(0, 5)]).toEqual([0x0a, 3, 0x32, 0x2e, 0x30]);
    expect(body[5]).toBe(0x12);
    expect(body.subarray(7).toString()).toContain('Kubernetes');
  });

  it('answers JSON to everyone else', () => {
    const response = openApiDocument('/openapi/v2', none, 'application/json')!;
    expect(JSON.parse(response.body as string)).toMatchObject({ swagger: '2.0', paths: {} });
  });
});

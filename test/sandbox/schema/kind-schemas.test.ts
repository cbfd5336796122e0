import { describe, expect, it } from 'vitest';
import { resourceCatalog } from '../../../source/sandbox/resources/catalog.ts';
import {
  fieldSchemaAt,
  kindSchemaFor,
  patchMetaFor,
} from '../../../source/sandbox/schema/kind-schemas.ts';

describe('kind schemas', () => {
  it('describe every kind the sandbox serves', () => {
    const missing = resourceCatalog.filter((def) => !kindSchemaFor(def.id)).map((def) => def.id);
    expect(missing).toEqual([]);
  });

  it('name built-in kinds after their OpenAPI components and mark Gateway API as custom', () => {
    expect(kindSchemaFor('/services')).toMatchObject({
      custom: false,
      root: { name: 'io.k8s.api.core.v1.Service' },
    });
    expect(kindSchemaFor('gateway.networking.k8s.io/httproutes')?.custom).toBe(true);
  });
});

describe('patchMetaFor', () => {
  it('gives the merge key, strategy and list type of Service ports', () => {
    expect(patchMetaFor('/services', 'spec.ports')).toEqual({
      mergeKey: 'port',
      strategy: 'merge',
      listType: 'map',
      mapKeys: ['port', 'protocol'],
    });
  });

  it('walks through lists, with or without indices, into the pod template', () => {
    const expected = {
      mergeKey: 'containerPort',
      strategy: 'merge',
      listType: 'map',
      mapKeys: ['containerPort', 'protocol'],
    };
    expect(patchMetaFor('apps/deployments', 'spec.template.spec.containers.ports')).toEqual(
      expected,
    );
    expect(patchMetaFor('apps/deployments', 'spec.template.spec.containers[0].ports')).toEqual(
      expected,
    );
    expect(
      patchMetaFor('apps/deployments', ['spec', 'template', 'spec', 'containers', 'env']),
    ).toEqual({ mergeKey: 'name', strategy: 'merge', listType: 'map', mapKeys: ['name'] });
  });

  it('knows retainKeys, atomic structs and maps, and set lists', () => {
    expect(patchMetaFor('apps/deployments', 'spec.strategy')).toEqual({ strategy: 'retainKeys' });
    expect(patchMetaFor('/pods', 'spec.volumes')).toMatchObject({ strategy: 'merge,retainKeys' });
    expect(patchMetaFor('apps/deployments', 'spec.selector')).toEqual({ mapType: 'atomic' });
    expect(patchMetaFor('/services', 'spec.selector')).toEqual({ mapType: 'atomic' });
    expect(patchMetaFor('/services', 'metadata.finalizers')).toEqual({
      strategy: 'merge',
      listType: 'set',
    });
    expect(patchMetaFor('/pods', 'spec.tolerations')).toEqual({ listType: 'atomic' });
  });

  it('carries the Gateway API list types', () => {
    expect(patchMetaFor('gateway.networking.k8s.io/gateways', 'spec.listeners')).toEqual({
      listType: 'map',
      mapKeys: ['name'],
    });
    expect(patchMetaFor('gateway.networking.k8s.io/httproutes', 'spec.rules')).toEqual({
      listType: 'atomic',
    });
  });

  it('is empty for plain fields and undefined off the schema', () => {
    expect(patchMetaFor('/services', 'spec.clusterIP')).toEqual({});
    expect(patchMetaFor('/services', 'spec.clusterIp')).toBeUndefined();
    expect(patchMetaFor('example.com/widgets', 'spec')).toBeUndefined();
  });
});

describe('fieldSchemaAt', () => {
  it('treats a segment under a map as a key', () => {
    expect(fieldSchemaAt('/services', 'metadata.labels.app')).toMatchObject({
      kind: 'scalar',
      type: 'string',
    });
  });

  it('returns int-or-string for targetPort', () => {
    expect(fieldSchemaAt('/services', 'spec.ports.targetPort')).toMatchObject({
      kind: 'scalar',
      type: 'int-or-string',
    });
  });
});

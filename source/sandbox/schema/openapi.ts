import { createHash } from 'node:crypto';
import { servedKubernetesVersion } from '../api/discovery.ts';
import type { Json } from '../api/kube-object.ts';
import { resourceCatalog } from '../resources/catalog.ts';
import type { ResourceDefinition } from '../resources/resource-definition.ts';
import { deleteOptions, listMeta, patch, scale, status } from './api-machinery.ts';
import { kindSchemaFor } from './kind-schemas.ts';
import { ComponentCollector, componentRef } from './openapi-components.ts';
import { type ResourceComponents, resourcePaths } from './openapi-paths.ts';
import { openApiV2 } from './openapi-v2.ts';

/** What the API server writes for an OpenAPI path. */
export interface OpenApiResponse {
  contentType: string;
  body: string | Buffer;
  headers: Record<string, string>;
}

/**
 * `/openapi/v3` and its per-group-version documents, enough for kubectl to trust the server
 * with field validation (it then sends `fieldValidation=Strict`), to compute strategic merge
 * patches from the published patch metadata, and for `kubectl explain`; and `/openapi/v2`,
 * which kubectl 1.27 and 1.28 insist on downloading. Undefined means 404.
 */
export function openApiDocument(
  path: string,
  query: URLSearchParams,
  accept = '',
): OpenApiResponse | undefined {
  if (path === '/openapi/v2') {
    const { contentType, body } = openApiV2(accept);
    return { contentType, body, headers: {} };
  }
  if (path === '/openapi/v3') return json(JSON.stringify(openApiIndex()));
  if (!path.startsWith('/openapi/v3/')) return undefined;
  const found = publishedDocuments().get(path.slice('/openapi/v3/'.length));
  if (!found) return undefined;
  // A URL carrying the current hash names content that never changes, as on the real server.
  const immutable = query.get('hash') === found.hash;
  return json(found.text, {
    ETag: `"${found.hash}"`,
    ...(immutable ? { 'Cache-Control': 'public, immutable' } : {}),
  });
}

function json(body: string, headers: Record<string, string> = {}): OpenApiResponse {
  return { contentType: 'application/json', body, headers };
}

/** `{"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=…"}, …}}`. */
export function openApiIndex(): Json {
  const paths: Json = {};
  for (const [name, { hash }] of publishedDocuments())
    paths[name] = { serverRelativeURL: `/openapi/v3/${name}?hash=${hash}` };
  return { paths };
}

/** One group-version document, for tests and tools that want it parsed. */
export function openApiGroupVersion(name: string): Json | undefined {
  const found = publishedDocuments().get(name);
  return found ? (JSON.parse(found.text) as Json) : undefined;
}

interface Published {
  text: string;
  /** What the real server puts in `?hash=`: the SHA-512 of the document, in upper-case hex. */
  hash: string;
}

let published: Map<string, Published> | undefined;

/** The documents never change while the process runs, so they are built once. */
function publishedDocuments(): Map<string, Published> {
  if (published) return published;
  const byGroupVersion = new Map<string, ResourceDefinition[]>();
  for (const def of resourceCatalog) {
    const key = def.group ? `apis/${def.group}/${def.version}` : `api/${def.version}`;
    byGroupVersion.set(key, [...(byGroupVersion.get(key) ?? []), def]);
  }
  published = new Map();
  for (const [name, defs] of byGroupVersion) {
    const text = JSON.stringify(groupVersionDocument(defs));
    const hash = createHash('sha512').update(text).digest('hex').toUpperCase();
    published.set(name, { text, hash });
  }
  return published;
}

/** `io.k8s.networking.gateway.v1.Gateway`: how the server names a custom resource's schema. */
function customComponentName(def: ResourceDefinition): string {
  return `${def.group.split('.').reverse().join('.')}.${def.version}.${def.kind}`;
}

function groupVersionDocument(defs: readonly ResourceDefinition[]): Json {
  const first = defs[0]!;
  const collector = new ComponentCollector();
  const gv = { group: first.group, version: first.version };
  collector.addStruct(patch);
  collector.addStruct(status, {
    'x-kubernetes-group-version-kind': [{ group: '', kind: 'Status', version: 'v1' }],
  });
  collector.addStruct(deleteOptions, {
    'x-kubernetes-group-version-kind': [{ ...gv, kind: 'DeleteOptions' }],
  });
  collector.addStruct(listMeta);
  const paths: Json = {};
  let custom = false;
  for (const def of defs) {
    const schema = kindSchemaFor(def.id);
    if (!schema) continue;
    custom ||= schema.custom;
    const kindName = schema.custom ? customComponentName(def) : schema.root.name!;
    const gvk = { ...gv, kind: def.kind };
    collector.addKind(kindName, schema.root, gvk, schema.custom);
    collector.schemas[`${kindName}List`] = listComponent(kindName, { ...gv, kind: def.listKind });
    if (def.subresources.includes('scale'))
      collector.addStruct(scale, {
        'x-kubernetes-group-version-kind': [{ group: 'autoscaling', kind: 'Scale', version: 'v1' }],
      });
    const components: ResourceComponents = {
      kind: kindName,
      list: `${kindName}List`,
      deleteOptions: deleteOptions.name!,
      status: status.name!,
      patch: patch.name!,
      scale: scale.name!,
    };
    Object.assign(paths, resourcePaths(def, components, schema.custom));
  }
  const { major, minor, patch: patchLevel } = servedKubernetesVersion;
  return {
    openapi: '3.0.0',
    info: custom
      ? { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' }
      : { title: 'Kubernetes', version: `v${major}.${minor}.${patchLevel}` },
    paths,
    components: {
      schemas: sortedKeys(collector.schemas),
      securitySchemes: {
        BearerToken: {
          type: 'apiKey',
          name: 'authorization',
          in: 'header',
          description: 'Bearer Token authentication',
        },
      },
    },
  };
}

function listComponent(kindName: string, gvk: { group: string; version: string; kind: string }) {
  return {
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { type: 'string' },
      items: { type: 'array', items: componentRef(kindName) },
      kind: { type: 'string' },
      metadata: componentRef(listMeta.name!),
    },
    'x-kubernetes-group-version-kind': [gvk],
  };
}

function sortedKeys(record: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]!]),
  );
}

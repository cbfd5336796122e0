import type { Json } from '../api/kube-object.ts';
import type { ResourceDefinition } from '../resources/resource-definition.ts';
import { componentRef } from './openapi-components.ts';

/**
 * The `paths` of a group-version document for one resource: the REST operations the sandbox
 * serves, each tagged with `x-kubernetes-action` and `x-kubernetes-group-version-kind`. kubectl
 * reads the PATCH operations: declaring `fieldValidation` there tells it the server validates
 * fields itself, and a `strategic-merge-patch+json` request body that it may send one.
 */

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export interface ResourceComponents {
  kind: string;
  list: string;
  deleteOptions: string;
  status: string;
  patch: string;
  scale: string;
}

function query(name: string, type: 'string' | 'boolean' | 'integer' = 'string'): Json {
  return { in: 'query', name, schema: { type, uniqueItems: true } };
}

function pathParameter(name: string): Json {
  return { in: 'path', name, required: true, schema: { type: 'string', uniqueItems: true } };
}

const pretty = query('pretty');
const writeParameters = [query('dryRun'), query('fieldManager'), query('fieldValidation')];
const patchParameters = [
  query('dryRun'),
  query('force', 'boolean'),
  query('fieldManager'),
  query('fieldValidation'),
];
const deleteParameters = [
  query('dryRun'),
  query('gracePeriodSeconds', 'integer'),
  query('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean'),
  query('orphanDependents', 'boolean'),
  query('propagationPolicy'),
];
const listParameters = [
  query('allowWatchBookmarks', 'boolean'),
  query('continue'),
  query('fieldSelector'),
  query('labelSelector'),
  query('limit', 'integer'),
  query('resourceVersion'),
  query('resourceVersionMatch'),
  query('sendInitialEvents', 'boolean'),
  query('timeoutSeconds', 'integer'),
  query('watch', 'boolean'),
];

function body(schema: string, types: readonly string[] = ['application/json']): Json {
  return {
    content: Object.fromEntries(types.map((type) => [type, { schema: componentRef(schema) }])),
    required: true,
  };
}

/** `{'200': component}` → the responses object, each answering JSON of that component. */
function responses(codes: Record<string, string>): Json {
  const descriptions: Record<string, string> = {
    '200': 'OK',
    '201': 'Created',
    '202': 'Accepted',
  };
  return Object.fromEntries(
    Object.keys(codes).map((code) => [
      code,
      {
        description: descriptions[code],
        content: { 'application/json': { schema: componentRef(codes[code]!) } },
      },
    ]),
  );
}

/** `CoreV1`, `AppsV1`, `NetworkingV1`, `GatewayNetworkingV1`: how operation ids name a group. */
function groupWord(def: ResourceDefinition): string {
  const words = def.group ? def.group.replace(/\.k8s\.io$/, '').split('.') : ['core'];
  const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return `${words.map(capitalize).join('')}${capitalize(def.version)}`;
}

function tag(def: ResourceDefinition): string {
  const group = def.group ? def.group.replace(/\.k8s\.io$/, '').replace(/\./g, '_') : 'core';
  return `${group}_${def.version}`;
}

/** Patch bodies a kind accepts: custom resources have no strategic merge patch. */
function patchTypes(custom: boolean): string[] {
  return [
    'application/apply-patch+yaml',
    'application/json-patch+json',
    'application/merge-patch+json',
    ...(custom ? [] : ['application/strategic-merge-patch+json']),
  ];
}

export function resourcePaths(
  def: ResourceDefinition,
  components: ResourceComponents,
  custom: boolean,
): Record<string, Json> {
  const gvk: Gvk = { group: def.group, version: def.version, kind: def.kind };
  const prefix = def.group ? `/apis/${def.group}/${def.version}` : `/api/${def.version}`;
  const scope = def.namespaced ? '/namespaces/{namespace}' : '';
  const collection = `${prefix}${scope}/${def.plural}`;
  const item = `${collection}/{name}`;
  const where = def.namespaced ? 'Namespaced' : '';
  const id = (verb: string, suffix = '') => `${verb}${groupWord(def)}${where}${def.kind}${suffix}`;
  const operation = (
    action: string,
    operationId: string,
    fields: Json,
    opGvk: Gvk = gvk,
  ): Json => ({
    operationId,
    ...fields,
    tags: [tag(def)],
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': opGvk,
  });
  const can = (verb: string) => def.verbs.includes(verb);
  const scopeParameters = def.namespaced ? [pathParameter('namespace')] : [];

  const collectionPath: Json = { parameters: [...scopeParameters, pretty] };
  if (can('list'))
    collectionPath.get = operation('list', id('list'), {
      parameters: listParameters,
      responses: responses({ '200': components.list }),
    });
  if (can('create'))
    collectionPath.post = operation('post', id('create'), {
      parameters: writeParameters,
      requestBody: body(components.kind),
      responses: responses({
        '200': components.kind,
        '201': components.kind,
        '202': components.kind,
      }),
    });
  if (can('deletecollection'))
    collectionPath.delete = operation(
      'deletecollection',
      `delete${groupWord(def)}Collection${where}${def.kind}`,
      {
        parameters: [...deleteParameters, ...listParameters],
        requestBody: body(components.deleteOptions),
        responses: responses({ '200': components.status }),
      },
    );

  const itemPath = (suffix: string, schema: string, opGvk: Gvk): Json => ({
    parameters: [pathParameter('name'), ...scopeParameters, pretty],
    get: operation('get', id('read', suffix), { responses: responses({ '200': schema }) }, opGvk),
    put: operation(
      'put',
      id('replace', suffix),
      {
        parameters: writeParameters,
        requestBody: body(schema),
        responses: responses({ '200': schema, '201': schema }),
      },
      opGvk,
    ),
    patch: operation(
      'patch',
      id('patch', suffix),
      {
        parameters: patchParameters,
        requestBody: body(components.patch, patchTypes(custom)),
        responses: responses({ '200': schema, '201': schema }),
      },
      opGvk,
    ),
  });

  const paths: Record<string, Json> = { [collection]: collectionPath };
  const main = itemPath('', components.kind, gvk);
  if (can('delete'))
    main.delete = operation('delete', id('delete'), {
      parameters: deleteParameters,
      requestBody: body(components.deleteOptions),
      responses: responses({ '200': components.kind, '202': components.kind }),
    });
  paths[item] = main;
  if (def.subresources.includes('status'))
    paths[`${item}/status`] = itemPath('Status', components.kind, gvk);
  if (def.subresources.includes('scale'))
    paths[`${item}/scale`] = itemPath('Scale', components.scale, {
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
    });
  if (def.namespaced && can('list')) {
    paths[`${prefix}/${def.plural}`] = {
      parameters: [pretty],
      get: operation('list', `list${groupWord(def)}${def.kind}ForAllNamespaces`, {
        parameters: listParameters,
        responses: responses({ '200': components.list }),
      }),
    };
  }
  return paths;
}

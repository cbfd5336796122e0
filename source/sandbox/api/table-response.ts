import { rendererFor } from '../../render/renderers.ts';
import type { ResourceDefinition } from '../resources/resource-definition.ts';
import type { KubeObject } from './kube-object.ts';
import { badRequest } from './status.ts';

/** What each Table row embeds (`?includeObject=`): nothing, metadata (the default) or all. */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

/** A client's request for server-side printing, as `kubectl get` makes it. */
export interface TableRequest {
  apiVersion: 'meta.k8s.io/v1' | 'meta.k8s.io/v1beta1';
  includeObject: IncludeObject;
}

/** Does the client ask for server-side printing (`kubectl get` does)? */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((part) => part.includes('as=Table'));
}

/** The Table the client asks for, undefined when it wants plain objects. */
export function tableRequest(accept: string, query: URLSearchParams): TableRequest | undefined {
  if (!wantsTable(accept)) return undefined;
  const includeObject = query.get('includeObject') ?? '';
  if (!['', 'Metadata', 'None', 'Object'].includes(includeObject)) {
    throw badRequest(
      `Unable to convert to Table as requested: includeObject: Unsupported value: "${includeObject}": supported values: "", "Metadata", "None", "Object"`,
    );
  }
  return {
    apiVersion: tableApiVersion(accept),
    includeObject: (includeObject || 'Metadata') as IncludeObject,
  };
}

/** `meta.k8s.io/v1` unless the client only accepts v1beta1. */
function tableApiVersion(accept: string): TableRequest['apiVersion'] {
  const offered = accept.split(',').filter((part) => part.includes('as=Table'));
  return offered.some((part) => part.includes('v=v1;') || part.endsWith('v=v1'))
    ? 'meta.k8s.io/v1'
    : 'meta.k8s.io/v1beta1';
}

/**
 * A Table of the given objects, with the kind's columns from `source/render`. The server
 * prints with wide options, so rows carry `-o wide` cells too and kubectl picks by priority.
 * Watches send the column definitions with their first event only (`noHeaders` after).
 */
export function toTable(
  def: ResourceDefinition,
  objects: readonly Readonly<KubeObject>[],
  request: TableRequest,
  listMeta: { resourceVersion: string; continue?: string; remainingItemCount?: number },
  options: { noHeaders?: boolean; now?: Date } = {},
): Record<string, unknown> {
  const renderer = rendererFor(def.id);
  const now = options.now ?? new Date();
  return {
    kind: 'Table',
    apiVersion: request.apiVersion,
    metadata: listMeta,
    columnDefinitions: options.noHeaders ? null : renderer.columns,
    rows: objects.map((object) => {
      const conditions = renderer.conditions?.(object);
      return {
        cells: renderer.cells(object, now),
        ...(conditions ? { conditions } : {}),
        object: embeddedObject(object, request),
      };
    }),
  };
}

function embeddedObject(
  object: Readonly<KubeObject>,
  request: TableRequest,
): Readonly<KubeObject> | Record<string, unknown> | null {
  switch (request.includeObject) {
    case 'None':
      return null;
    case 'Object':
      return object;
    default:
      return partialObjectMetadata(object, request.apiVersion);
  }
}

/** What a Table row carries by default (`includeObject=Metadata`): enough for `-A` and `--show-labels`. */
export function partialObjectMetadata(
  object: Readonly<KubeObject>,
  apiVersion = 'meta.k8s.io/v1',
): Record<string, unknown> {
  return { kind: 'PartialObjectMetadata', apiVersion, metadata: object.metadata };
}

import type { ResourceDefinition } from '../resources/resource-definition.ts';
import type { KubeObject } from './kube-object.ts';

/** Does the client ask for server-side printing (`kubectl get` does)? */
export function wantsTable(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((part) => part.includes('as=Table'));
}

/** `meta.k8s.io/v1` unless the client only accepts v1beta1. */
function tableApiVersion(accept: string): string {
  const offered = accept.split(',').filter((part) => part.includes('as=Table'));
  return offered.some((part) => part.includes('v=v1;') || part.endsWith('v=v1'))
    ? 'meta.k8s.io/v1'
    : 'meta.k8s.io/v1beta1';
}

/**
 * A Table of the given objects, as `kubectl get` prints it. Kinds without their own columns
 * get NAME and AGE, which is what the real server's default table convertor gives.
 */
export function toTable(
  _def: ResourceDefinition,
  objects: readonly Readonly<KubeObject>[],
  accept: string,
  listMeta: { resourceVersion: string; continue?: string; remainingItemCount?: number },
): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: tableApiVersion(accept),
    metadata: listMeta,
    columnDefinitions: [
      {
        name: 'Name',
        type: 'string',
        format: 'name',
        description: 'Name must be unique within a namespace.',
        priority: 0,
      },
      {
        name: 'Created At',
        type: 'date',
        format: '',
        description:
          'CreationTimestamp is a timestamp representing the server time when this object was created.',
        priority: 0,
      },
    ],
    rows: objects.map((object) => ({
      cells: [object.metadata.name, object.metadata.creationTimestamp],
      object: partialObjectMetadata(object),
    })),
  };
}

/** What a Table row carries by default (`includeObject=Metadata`): enough for `-A` and `--show-labels`. */
export function partialObjectMetadata(object: Readonly<KubeObject>): Record<string, unknown> {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata };
}

/**
 * The known fields of every served kind, keyed by resource id (`/services`,
 * `apps/deployments`), and the lookups other parts of the sandbox use.
 *
 * Lookup API (for strategic merge patch, server-side apply and friends):
 *
 * - `kindSchemaFor(resourceId)` → `{ root, custom }`: the kind's top-level struct, and whether
 *   it is a custom resource (Gateway API) rather than a built-in type.
 * - `fieldSchemaAt(resourceId, path)` → the schema of the field at `path`, or undefined when
 *   the path leaves the known fields. `path` is a dotted field path (`spec.ports`,
 *   `spec.template.spec.containers.ports`) or an array of segments; list indices (`[0]`) are
 *   skipped, since list items share one schema, and a segment under a map is a key.
 * - `patchMetaFor(resourceId, path)` → the field's `PatchMeta`, the values of the real OpenAPI's
 *   `x-kubernetes-patch-merge-key`, `x-kubernetes-patch-strategy`, `x-kubernetes-list-type`,
 *   `x-kubernetes-list-map-keys` and `x-kubernetes-map-type` (a struct's own map type included),
 *   e.g. `patchMetaFor('/services', 'spec.ports')` →
 *   `{mergeKey: 'port', strategy: 'merge', listType: 'map', mapKeys: ['port', 'protocol']}`.
 *   Undefined for unknown paths; `{}` for known fields without metadata.
 */
import { deployment, replicaSet } from './apps-v1.ts';
import { lease } from './coordination-v1.ts';
import { configMap, event, namespace, secret, serviceAccount } from './core-v1.ts';
import { node } from './core-v1-node.ts';
import { pod } from './core-v1-pod.ts';
import { endpoints, service } from './core-v1-service.ts';
import { endpointSlice } from './discovery-v1.ts';
import type { FieldSchema, PatchMeta, StructSchema } from './field-schema.ts';
import { gateway, gatewayClass, httpRoute } from './gateway-v1.ts';
import { ingress, ingressClass } from './networking-v1.ts';

export interface KindSchema {
  root: StructSchema;
  /** Custom resources are decoded, pruned and validated the way apiextensions-apiserver does. */
  custom: boolean;
}

const builtIn = (root: StructSchema): KindSchema => ({ root, custom: false });
const custom = (root: StructSchema): KindSchema => ({ root, custom: true });

const kindSchemas: ReadonlyMap<string, KindSchema> = new Map([
  ['/namespaces', builtIn(namespace)],
  ['/nodes', builtIn(node)],
  ['/pods', builtIn(pod)],
  ['/services', builtIn(service)],
  ['/endpoints', builtIn(endpoints)],
  ['/secrets', builtIn(secret)],
  ['/configmaps', builtIn(configMap)],
  ['/events', builtIn(event)],
  ['/serviceaccounts', builtIn(serviceAccount)],
  ['apps/deployments', builtIn(deployment)],
  ['apps/replicasets', builtIn(replicaSet)],
  ['discovery.k8s.io/endpointslices', builtIn(endpointSlice)],
  ['networking.k8s.io/ingresses', builtIn(ingress)],
  ['networking.k8s.io/ingressclasses', builtIn(ingressClass)],
  ['coordination.k8s.io/leases', builtIn(lease)],
  ['gateway.networking.k8s.io/gatewayclasses', custom(gatewayClass)],
  ['gateway.networking.k8s.io/gateways', custom(gateway)],
  ['gateway.networking.k8s.io/httproutes', custom(httpRoute)],
]);

export function kindSchemaFor(resourceId: string): KindSchema | undefined {
  return kindSchemas.get(resourceId);
}

function segmentsOf(path: string | readonly string[]): string[] {
  const raw = typeof path === 'string' ? path.split('.') : [...path];
  return raw.map((segment) => segment.replace(/\[\d*\]/g, '')).filter((segment) => segment !== '');
}

/** Steps from a list to its items, however deeply lists nest. */
function itemsOf(schema: FieldSchema): FieldSchema {
  let current = schema;
  while (current.kind === 'list') current = current.items;
  return current;
}

export function fieldSchemaAt(
  resourceId: string,
  path: string | readonly string[],
): FieldSchema | undefined {
  const kind = kindSchemas.get(resourceId);
  if (!kind) return undefined;
  let current: FieldSchema = kind.root;
  for (const segment of segmentsOf(path)) {
    const container = itemsOf(current);
    if (container.kind === 'struct') {
      if (!Object.hasOwn(container.fields, segment)) return undefined;
      current = container.fields[segment]!;
    } else if (container.kind === 'map') {
      current = container.values;
    } else if (container.kind === 'free') {
      return container;
    } else {
      return undefined;
    }
  }
  return current;
}

export function patchMetaFor(
  resourceId: string,
  path: string | readonly string[],
): PatchMeta | undefined {
  const schema = fieldSchemaAt(resourceId, path);
  if (!schema) return undefined;
  const meta: PatchMeta = { ...schema.patch };
  if (schema.kind === 'struct' && schema.structType && !meta.mapType)
    meta.mapType = schema.structType;
  return meta;
}

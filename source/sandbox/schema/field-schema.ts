/**
 * The vocabulary the kind schemas are written in: a field is a scalar, a struct (a named
 * OpenAPI component, or an inline object for CRDs), a list, a map or a free-form subtree.
 * Lists (and a few structs and maps) carry the strategic-merge-patch and apply metadata the
 * real OpenAPI publishes as `x-kubernetes-*` extensions.
 */

export type ListType = 'atomic' | 'set' | 'map';
export type MapType = 'atomic' | 'granular';

/** Patch and apply metadata of one field, named after the OpenAPI extensions it becomes. */
export interface PatchMeta {
  /** `x-kubernetes-patch-merge-key`: the key that identifies list items in a strategic merge patch. */
  mergeKey?: string;
  /** `x-kubernetes-patch-strategy`: `merge`, `retainKeys` or `merge,retainKeys`. */
  strategy?: string;
  /** `x-kubernetes-list-type`: how server-side apply treats the list. */
  listType?: ListType;
  /** `x-kubernetes-list-map-keys`: the keys of a `map` list. */
  mapKeys?: string[];
  /** `x-kubernetes-map-type`: a struct or map replaced as a whole (`atomic`) or per key. */
  mapType?: MapType;
}

interface FieldBase {
  /** Metadata that belongs to the field (the OpenAPI property), not to its type. */
  patch?: PatchMeta;
}

export type ScalarType = 'string' | 'integer' | 'boolean' | 'number' | 'int-or-string' | 'quantity';

export interface ScalarSchema extends FieldBase {
  kind: 'scalar';
  type: ScalarType;
  format?: string;
  /** How Go spells the field's type in decoding errors: `int32`, `v1.Protocol`, `v1.Time`. */
  goType: string;
  /** The OpenAPI component the real server publishes for this scalar (Time, IntOrString…). */
  component?: string;
}

export interface StructSchema extends FieldBase {
  kind: 'struct';
  /** The OpenAPI component name, e.g. `io.k8s.api.core.v1.ServicePort`; absent for CRD objects. */
  name?: string;
  fields: Readonly<Record<string, FieldSchema>>;
  /** `x-kubernetes-map-type` of the type itself (`atomic` for LabelSelector, ObjectReference…). */
  structType?: MapType;
  /** Keys beyond `fields` are kept without complaint (rarely used volume sources). */
  openEnded?: boolean;
}

export interface ListSchema extends FieldBase {
  kind: 'list';
  items: FieldSchema;
}

export interface MapSchema extends FieldBase {
  kind: 'map';
  values: FieldSchema;
  goType: string;
}

/** Anything goes: RawExtension, managedFields' fieldsV1, preserve-unknown-fields subtrees. */
export interface FreeFormSchema extends FieldBase {
  kind: 'free';
}

export type FieldSchema = ScalarSchema | StructSchema | ListSchema | MapSchema | FreeFormSchema;

function scalar(type: ScalarType, goType: string, extra: Partial<ScalarSchema> = {}): ScalarSchema {
  return { kind: 'scalar', type, goType, ...extra };
}

export const str = scalar('string', 'string');
export const bool = scalar('boolean', 'bool');
export const int32 = scalar('integer', 'int32', { format: 'int32' });
export const int64 = scalar('integer', 'int64', { format: 'int64' });
/** An integer without a declared size (Go `int`; CRD schemas with no format). */
export const int = scalar('integer', 'int');
export const float64 = scalar('number', 'float64', { format: 'double' });
/** `[]byte`: base64 text on the wire (Secret `data`). */
export const bytes = scalar('string', '[]uint8', { format: 'byte' });
export const time = scalar('string', 'v1.Time', {
  format: 'date-time',
  component: 'io.k8s.apimachinery.pkg.apis.meta.v1.Time',
});
export const microTime = scalar('string', 'v1.MicroTime', {
  format: 'date-time',
  component: 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime',
});
export const intOrString = scalar('int-or-string', 'intstr.IntOrString', {
  format: 'int-or-string',
  component: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString',
});
export const quantity = scalar('quantity', 'resource.Quantity', {
  component: 'io.k8s.apimachinery.pkg.api.resource.Quantity',
});

/** A Go string type with a name of its own (`v1.Protocol`), which decoding errors print. */
export function namedString(goType: string): ScalarSchema {
  return scalar('string', goType);
}

export const freeForm: FreeFormSchema = { kind: 'free' };

export function struct(
  name: string,
  fields: Record<string, FieldSchema>,
  options: { mapType?: MapType } = {},
): StructSchema {
  return {
    kind: 'struct',
    name,
    fields,
    ...(options.mapType ? { structType: options.mapType } : {}),
  };
}

/** An inline object, as CRD schemas write them (no component of its own). */
export function object(
  fields: Record<string, FieldSchema>,
  options: { mapType?: MapType } = {},
): StructSchema {
  return { kind: 'struct', fields, ...(options.mapType ? { structType: options.mapType } : {}) };
}

/** A struct that also accepts keys it does not describe (kept as sent). */
export function openEnded(schema: StructSchema): StructSchema {
  return { ...schema, openEnded: true };
}

export function listOf(items: FieldSchema, patch?: PatchMeta): ListSchema {
  return { kind: 'list', items, ...(patch ? { patch } : {}) };
}

export function mapOf(
  values: FieldSchema,
  options: { goType?: string; mapType?: MapType } = {},
): MapSchema {
  return {
    kind: 'map',
    values,
    goType: options.goType ?? `map[string]${goTypeOf(values)}`,
    ...(options.mapType ? { patch: { mapType: options.mapType } } : {}),
  };
}

/** `map[string]string`: labels, annotations, selectors, ConfigMap data. */
export const stringMap = mapOf(str);

export function stringMapWith(options: { mapType: MapType }): MapSchema {
  return mapOf(str, options);
}

/** The same type with field-level patch metadata (e.g. `retainKeys` on a Deployment strategy). */
export function withPatch<T extends FieldSchema>(schema: T, patch: PatchMeta): T {
  return { ...schema, patch: { ...schema.patch, ...patch } };
}

/** `ServicePort` for `io.k8s.api.core.v1.ServicePort`: the Go struct name errors print. */
export function goStructName(schema: StructSchema): string {
  return schema.name?.split('.').at(-1) ?? 'Object';
}

/** How Go's reflection prints a field's type: `v1.ServicePort`, `[]v1.ServicePort`, `map[string]string`. */
export function goTypeOf(schema: FieldSchema): string {
  switch (schema.kind) {
    case 'scalar':
      return schema.goType;
    case 'struct': {
      const parts = schema.name?.split('.') ?? [];
      return parts.length >= 2 ? `${parts.at(-2)}.${parts.at(-1)}` : 'map[string]interface {}';
    }
    case 'list':
      return `[]${goTypeOf(schema.items)}`;
    case 'map':
      return schema.goType;
    case 'free':
      return 'interface {}';
  }
}

import type { Json } from '../api/kube-object.ts';
import type { FieldSchema, PatchMeta, ScalarSchema, StructSchema } from './field-schema.ts';

/** The OpenAPI v3 form of a scalar the real server publishes as a component of its own. */
const scalarComponents: Readonly<Record<string, Json>> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { type: 'string', format: 'date-time' },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
};

const objectMetaComponent = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export function componentRef(name: string): Json {
  return { $ref: `#/components/schemas/${name}` };
}

function patchExtensions(patch: PatchMeta | undefined): Json {
  if (!patch) return {};
  return {
    ...(patch.mergeKey ? { 'x-kubernetes-patch-merge-key': patch.mergeKey } : {}),
    ...(patch.strategy ? { 'x-kubernetes-patch-strategy': patch.strategy } : {}),
    ...(patch.listType ? { 'x-kubernetes-list-type': patch.listType } : {}),
    ...(patch.mapKeys ? { 'x-kubernetes-list-map-keys': patch.mapKeys } : {}),
    ...(patch.mapType ? { 'x-kubernetes-map-type': patch.mapType } : {}),
  };
}

/**
 * Collects `components.schemas` for one group-version document. Built-in types become one
 * component per Go type, referenced with `$ref`; custom resources are written inline, as the
 * API server publishes CRD schemas, with only ObjectMeta referenced.
 */
export class ComponentCollector {
  readonly schemas: Record<string, Json> = {};

  /** Adds a kind's top-level component, with the GVK extension kubectl looks for. */
  addKind(
    name: string,
    root: StructSchema,
    gvk: { group: string; version: string; kind: string },
    custom: boolean,
  ): void {
    this.schemas[name] = {
      ...this.structSchema(root, custom),
      'x-kubernetes-group-version-kind': [gvk],
    };
  }

  /** Adds a named struct (and what it references) as a component of its own. */
  addStruct(schema: StructSchema, extra: Json = {}): void {
    if (!schema.name) throw new Error('only named structs are components');
    if (this.schemas[schema.name]) return;
    this.schemas[schema.name] = {}; // reserved first: shared types are referenced, not repeated
    this.schemas[schema.name] = { ...this.structSchema(schema, false), ...extra };
  }

  private structSchema(schema: StructSchema, custom: boolean): Json {
    const properties: Json = {};
    for (const [name, field] of Object.entries(schema.fields))
      properties[name] = this.property(field, custom);
    return {
      type: 'object',
      properties,
      ...(schema.structType ? { 'x-kubernetes-map-type': schema.structType } : {}),
      ...(schema.openEnded ? { 'x-kubernetes-preserve-unknown-fields': true } : {}),
    };
  }

  private property(schema: FieldSchema, custom: boolean): Json {
    return { ...this.typeOf(schema, custom), ...patchExtensions(schema.patch) };
  }

  private typeOf(schema: FieldSchema, custom: boolean): Json {
    switch (schema.kind) {
      case 'scalar':
        return this.scalar(schema, custom);
      case 'struct':
        if (schema.name && (!custom || schema.name === objectMetaComponent)) {
          this.addStruct(schema);
          return componentRef(schema.name);
        }
        return this.structSchema(schema, custom);
      case 'list':
        return { type: 'array', items: this.typeOf(schema.items, custom) };
      case 'map':
        return { type: 'object', additionalProperties: this.typeOf(schema.values, custom) };
      case 'free':
        return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    }
  }

  private scalar(schema: ScalarSchema, custom: boolean): Json {
    if (schema.component && !custom) {
      this.schemas[schema.component] ??= scalarComponents[schema.component]!;
      return componentRef(schema.component);
    }
    if (schema.type === 'int-or-string' || schema.type === 'quantity')
      return {
        anyOf: [{ type: 'integer' }, { type: 'string' }],
        'x-kubernetes-int-or-string': true,
      };
    return { type: schema.type, ...(schema.format ? { format: schema.format } : {}) };
  }
}

import type { ResourceDefinition } from '../resources/resource-definition.ts';
import { type FieldSchema, goStructName, type PatchMeta } from '../schema/field-schema.ts';
import { kindSchemaFor } from '../schema/kind-schemas.ts';

/**
 * What the patch algorithms need to know about one field of a kind, read from the kind's
 * schema (`source/sandbox/schema`): how strategic merge patch merges its lists
 * (`x-kubernetes-patch-merge-key`/`-strategy`) and how server-side apply tracks it
 * (`x-kubernetes-list-type`, `-list-map-keys`, `-map-type`). Fields the schema does not
 * describe behave as the real server treats untyped data: maps merge key by key, lists are
 * replaced whole.
 */
export interface PatchSchemaNode {
  /** `struct` has named fields, `map` has free-form keys (labels); `unknown` is anything else. */
  readonly shape: 'struct' | 'map' | 'list' | 'unknown';
  /** The node of a struct field or of a map's values. */
  field(name: string): PatchSchemaNode;
  /** The node of a list's items. */
  readonly items: PatchSchemaNode;
  /** Strategic merge patch: `merge` lists merge item by item; others are replaced. */
  readonly mergesLists: boolean;
  readonly patchMergeKey?: string;
  /** Strategic merge patch `retainKeys`: the patch's `$retainKeys` clears the other keys. */
  readonly retainKeys: boolean;
  /** Server-side apply: `map` lists are keyed by `listMapKeys`, `set` lists by value. */
  readonly listType: 'atomic' | 'set' | 'map';
  readonly listMapKeys: readonly string[];
  /** Defaults of list-map keys (a ServicePort without `protocol` is keyed as TCP). */
  readonly keyDefaults: Readonly<Record<string, unknown>>;
  /** Server-side apply: replaced and owned as a whole (Service `selector`, LabelSelector). */
  readonly atomic: boolean;
  /**
   * Present in the zero value of the Go type (a non-pointer struct, a list without
   * `omitempty`), so adding it is not itself a change recorded in managedFields.
   */
  readonly alwaysPresent: boolean;
}

/** Built-in kinds take strategic merge patches; custom resources (Gateway API) answer 415. */
export function supportsStrategicMerge(def: ResourceDefinition): boolean {
  return kindSchemaFor(def.id)?.custom !== true;
}

/** The root of a kind's patch metadata. */
export function patchSchemaOf(def: ResourceDefinition): PatchSchemaNode {
  const kind = kindSchemaFor(def.id);
  return new SchemaNode(kind?.root, { builtIn: kind ? !kind.custom : true, isRoot: true });
}

/**
 * Fields of built-in kinds that are non-pointer structs or lists without `omitempty` in Go,
 * by `<Go struct>.<field>`; every built-in kind's `metadata`, `spec` and `status` are too.
 */
const zeroValueFields = new Set([
  'DeploymentSpec.template',
  'DeploymentSpec.strategy',
  'ReplicaSetSpec.template',
  'PodTemplateSpec.metadata',
  'PodTemplateSpec.spec',
  'PodSpec.containers',
  'Container.resources',
  'EndpointSlice.endpoints',
  'ServiceStatus.loadBalancer',
  'IngressStatus.loadBalancer',
]);

const rootZeroValueFields = new Set(['metadata', 'spec', 'status']);

const noKeys: readonly string[] = [];
const noPatchMeta: PatchMeta = {};

class SchemaNode implements PatchSchemaNode {
  constructor(
    private readonly schema: FieldSchema | undefined,
    private readonly context: { builtIn: boolean; isRoot?: boolean; zeroValue?: boolean },
  ) {}

  private get meta(): PatchMeta {
    return this.schema?.patch ?? noPatchMeta;
  }

  get shape(): PatchSchemaNode['shape'] {
    switch (this.schema?.kind) {
      case 'struct':
      case 'map':
      case 'list':
        return this.schema.kind;
      default:
        return 'unknown';
    }
  }

  field(name: string): PatchSchemaNode {
    const { schema } = this;
    if (schema?.kind === 'map')
      return new SchemaNode(schema.values, { builtIn: this.context.builtIn });
    if (schema?.kind !== 'struct' || !Object.hasOwn(schema.fields, name)) return unknownNode;
    const zeroValue =
      this.context.builtIn &&
      (this.context.isRoot
        ? rootZeroValueFields.has(name)
        : zeroValueFields.has(`${goStructName(schema)}.${name}`));
    return new SchemaNode(schema.fields[name], { builtIn: this.context.builtIn, zeroValue });
  }

  get items(): PatchSchemaNode {
    const { schema } = this;
    return schema?.kind === 'list'
      ? new SchemaNode(schema.items, { builtIn: this.context.builtIn })
      : unknownNode;
  }

  get mergesLists(): boolean {
    return this.shape === 'list' && (this.meta.strategy ?? '').split(',').includes('merge');
  }

  get patchMergeKey(): string | undefined {
    return this.meta.mergeKey;
  }

  get retainKeys(): boolean {
    return (this.meta.strategy ?? '').split(',').includes('retainKeys');
  }

  get listType(): PatchSchemaNode['listType'] {
    return this.shape === 'list' ? (this.meta.listType ?? 'atomic') : 'atomic';
  }

  get listMapKeys(): readonly string[] {
    return this.listType === 'map' ? (this.meta.mapKeys ?? noKeys) : noKeys;
  }

  get keyDefaults(): Readonly<Record<string, unknown>> {
    // Protocol is the only list-map key with a declared default (TCP) in the kinds served.
    return this.listMapKeys.includes('protocol') ? { protocol: 'TCP' } : {};
  }

  get atomic(): boolean {
    const { schema } = this;
    if (this.meta.mapType === 'atomic') return true;
    return schema?.kind === 'struct' && schema.structType === 'atomic';
  }

  get alwaysPresent(): boolean {
    return this.context.zeroValue === true;
  }
}

const unknownNode: PatchSchemaNode = new SchemaNode(undefined, { builtIn: false });

import type { AdmissionContext, KindStrategy } from '../admission/kind-strategy.ts';
import { jsonEqual } from '../patch/json-values.ts';
import { recordUpdate } from '../patch/managed-fields.ts';
import type { ResourceDefinition } from '../resources/resource-definition.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { clone, type KubeObject } from './kube-object.ts';
import { generateName, subdomainProblem } from './names.ts';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  type FieldError,
  fieldErrors,
  invalid,
  notFound,
} from './status.ts';

export interface WriteOptions {
  dryRun?: boolean;
  /**
   * Who writes (the `fieldManager` parameter, or derived from the User-Agent): the write is
   * recorded in `metadata.managedFields` as an `Update` by this manager. Without it the object
   * keeps the managedFields it carries (server-side apply computes its own), else the stored ones.
   */
  fieldManager?: string;
}

export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface WriteResult {
  object: KubeObject;
  warnings: string[];
}

const namespacesId = '/namespaces';

/**
 * Every write goes through here — from HTTP handlers and from controllers alike — so that
 * defaults, validation, allocation and graceful deletion behave one way for every client.
 */
export class ResourceOps {
  constructor(
    readonly store: ObjectStore,
    private readonly strategies: ReadonlyMap<string, KindStrategy>,
  ) {}

  strategy(def: ResourceDefinition): KindStrategy {
    return this.strategies.get(def.id) ?? {};
  }

  private context(dryRun: boolean): AdmissionContext {
    return { store: this.store, dryRun };
  }

  create(def: ResourceDefinition, input: KubeObject, options: WriteOptions = {}): WriteResult {
    const object = clone(input);
    object.apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
    object.kind = def.kind;
    const meta = object.metadata ?? {};
    object.metadata = meta;
    for (const field of [
      'uid',
      'resourceVersion',
      'creationTimestamp',
      'deletionTimestamp',
      'generation',
    ] as const) {
      delete meta[field];
    }
    if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
    if (!def.namespaced) delete meta.namespace;
    const name = meta.name ?? '';
    const strategy = this.strategy(def);
    const nameErrors = metadataErrors(def, object, strategy);
    if (nameErrors.length > 0) throw invalid(def.kind, def.group, name, nameErrors);
    if (def.namespaced) this.requireWritableNamespace(def, meta.namespace!, name);
    if (def.subresources.includes('status')) delete object.status;

    const ctx = this.context(options.dryRun ?? false);
    strategy.applyDefaults?.(object, undefined);
    this.trackManagedFields(def, undefined, input, object, options);
    strategy.admit?.(object, undefined, ctx);
    const errors = strategy.validate?.(object, undefined, ctx) ?? [];
    if (errors.length > 0) throw invalid(def.kind, def.group, name, errors);
    if (this.store.peek(def.id, meta.namespace, name))
      throw alreadyExists(def.group, def.plural, name);
    const claim = strategy.allocate?.(object, undefined, ctx);
    if (claim && claim.errors.length > 0) {
      claim.rollback();
      throw invalid(def.kind, def.group, name, claim.errors);
    }
    const warnings = strategy.warnings?.(object, undefined) ?? [];
    if (options.dryRun) {
      claim?.rollback();
      return {
        object: {
          ...object,
          metadata: { ...meta, creationTimestamp: this.store.now(), uid: crypto.randomUUID() },
        },
        warnings,
      };
    }
    return { object: this.store.insert(def.id, object), warnings };
  }

  /**
   * A full replace (PUT). With `subresource: 'status'` only the status is taken from `input`;
   * `scale` writes like a plain update but is recorded as the scale subresource's.
   */
  update(
    def: ResourceDefinition,
    input: KubeObject,
    options: WriteOptions & { subresource?: 'status' | 'scale' } = {},
  ): WriteResult {
    const namespace = def.namespaced ? input.metadata?.namespace : undefined;
    const name = input.metadata?.name ?? '';
    const existing = this.store.get(def.id, namespace, name);
    if (!existing) throw notFound(def.group, def.plural, name);
    const sentVersion = input.metadata?.resourceVersion;
    if (sentVersion && sentVersion !== existing.metadata.resourceVersion) {
      throw conflict(def.group, def.plural, name);
    }
    const hasStatus = def.subresources.includes('status');
    const object: KubeObject =
      options.subresource === 'status'
        ? { ...existing, status: clone(input.status) }
        : { ...clone(input), apiVersion: existing.apiVersion, kind: def.kind };
    if (options.subresource !== 'status' && hasStatus) object.status = existing.status;
    if (object.status === undefined) delete object.status;
    object.metadata = {
      ...(options.subresource === 'status' ? existing.metadata : object.metadata),
      uid: existing.metadata.uid,
      creationTimestamp: existing.metadata.creationTimestamp,
      resourceVersion: existing.metadata.resourceVersion,
      generation: existing.metadata.generation,
      ...(existing.metadata.deletionTimestamp
        ? { deletionTimestamp: existing.metadata.deletionTimestamp }
        : {}),
    };
    if (!def.namespaced) delete object.metadata.namespace;
    const strategy = this.strategy(def);
    const ctx = this.context(options.dryRun ?? false);
    const warnings: string[] = [];
    if (options.subresource !== 'status') strategy.applyDefaults?.(object, existing);
    // Compared after defaulting: a PUT that omits defaulted fields changes nothing.
    if (specChanged(existing, object)) {
      object.metadata.generation = (existing.metadata.generation ?? 1) + 1;
    }
    if (options.subresource !== 'status') {
      this.trackManagedFields(def, existing, input, object, options);
      strategy.admit?.(object, existing, ctx);
      const errors = [
        ...metadataErrors(def, object, strategy),
        ...(strategy.validate?.(object, existing, ctx) ?? []),
      ];
      if (errors.length > 0) throw invalid(def.kind, def.group, name, errors);
      const claim = strategy.allocate?.(object, existing, ctx);
      if (claim && claim.errors.length > 0) {
        claim.rollback();
        throw invalid(def.kind, def.group, name, claim.errors);
      }
      if (options.dryRun) claim?.rollback();
      warnings.push(...(strategy.warnings?.(object, existing) ?? []));
    } else {
      this.trackManagedFields(def, existing, input, object, options);
    }
    if (options.dryRun) return { object, warnings };
    // A write that changes nothing is not stored: same resourceVersion, no watch event.
    if (jsonEqual(object, existing)) return { object: existing, warnings };
    if (
      object.metadata.deletionTimestamp &&
      (object.metadata.finalizers ?? []).length === 0 &&
      !strategy.gracefulDelete?.(object)
    ) {
      return { object: this.finalize(def, object), warnings };
    }
    return { object: this.store.replace(def.id, object), warnings };
  }

  /**
   * Deletes as the API server does: objects with finalizers (and pods, namespaces) are marked
   * with a deletionTimestamp and removed later by their controller; the rest go at once.
   */
  delete(
    def: ResourceDefinition,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions = {},
  ): KubeObject {
    const existing = this.store.get(def.id, def.namespaced ? namespace : undefined, name);
    if (!existing) throw notFound(def.group, def.plural, name);
    const { uid, resourceVersion } = options.preconditions ?? {};
    if (uid && uid !== existing.metadata.uid) {
      throw new ApiError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on ${def.plural} "${name}": Precondition failed: UID in precondition: ${uid}, UID in object meta: ${existing.metadata.uid}`,
      );
    }
    if (resourceVersion && resourceVersion !== existing.metadata.resourceVersion)
      throw conflict(def.group, def.plural, name);
    const strategy = this.strategy(def);
    strategy.admitDelete?.(existing);
    if (options.dryRun) return existing;

    if (options.propagationPolicy === 'Orphan') this.orphanDependents(existing);
    // Foreground: the garbage collector deletes the dependents first, then drops the finalizer.
    if (options.propagationPolicy === 'Foreground' && !existing.metadata.deletionTimestamp) {
      const finalizers = existing.metadata.finalizers ?? [];
      if (!finalizers.includes('foregroundDeletion'))
        existing.metadata.finalizers = [...finalizers, 'foregroundDeletion'];
    }
    const graceful =
      (strategy.gracefulDelete?.(existing) ?? false) && options.gracePeriodSeconds !== 0;
    const hasFinalizers = (existing.metadata.finalizers ?? []).length > 0;
    if (graceful || hasFinalizers) {
      if (existing.metadata.deletionTimestamp) return existing;
      existing.metadata.deletionTimestamp = this.store.now();
      if (graceful) existing.metadata.deletionGracePeriodSeconds = options.gracePeriodSeconds ?? 30;
      if (def.id === namespacesId) existing.status = { ...existing.status, phase: 'Terminating' };
      return this.store.replace(def.id, existing);
    }
    return this.finalize(def, existing);
  }

  /** Removes an object for good and frees what it held. Controllers call this when done. */
  finalize(def: ResourceDefinition, object: KubeObject): KubeObject {
    const removed = this.store.remove(def.id, object.metadata.namespace, object.metadata.name!);
    if (removed) this.strategy(def).release?.(removed, this.context(false));
    return removed ?? object;
  }

  /** Records the write in managedFields (see `WriteOptions.fieldManager`). */
  private trackManagedFields(
    def: ResourceDefinition,
    existing: KubeObject | undefined,
    input: KubeObject,
    object: KubeObject,
    options: WriteOptions & { subresource?: 'status' | 'scale' },
  ): void {
    if (options.fieldManager) {
      recordUpdate(def, existing, object, {
        manager: options.fieldManager,
        now: this.store.now(),
        ...(options.subresource ? { subresource: options.subresource } : {}),
      });
    } else {
      // A status write builds its metadata from the stored object: take what the caller carries.
      const carried = input.metadata?.managedFields ?? existing?.metadata.managedFields;
      if (carried) object.metadata.managedFields = carried;
    }
    if (object.metadata.managedFields?.length === 0) delete object.metadata.managedFields;
  }

  private requireWritableNamespace(def: ResourceDefinition, namespace: string, name: string): void {
    const ns = this.store.peek(namespacesId, undefined, namespace);
    if (!ns) throw notFound('', 'namespaces', namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new ApiError(
        403,
        'Forbidden',
        `${def.group ? `${def.plural}.${def.group}` : def.plural} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
        {
          name,
          kind: def.plural,
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${namespace} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      );
    }
  }

  private orphanDependents(owner: KubeObject): void {
    for (const def of this.dependentKinds()) {
      for (const dependent of this.store.scan(def, owner.metadata.namespace)) {
        const refs = dependent.metadata.ownerReferences ?? [];
        if (!refs.some((ref) => ref.uid === owner.metadata.uid)) continue;
        const updated = clone(dependent) as KubeObject;
        updated.metadata.ownerReferences = refs.filter((ref) => ref.uid !== owner.metadata.uid);
        this.store.replace(def, updated);
      }
    }
  }

  private dependentKinds(): string[] {
    return ['apps/replicasets', '/pods', 'discovery.k8s.io/endpointslices'];
  }
}

/** Everything but metadata and status counts as spec for `metadata.generation`. */
function specChanged(before: KubeObject, after: KubeObject): boolean {
  const strip = ({ metadata: _m, status: _s, ...rest }: KubeObject) => JSON.stringify(rest);
  return strip(before) !== strip(after);
}

function metadataErrors(
  def: ResourceDefinition,
  object: KubeObject,
  strategy: KindStrategy,
): FieldError[] {
  const meta = object.metadata;
  if (!meta.name)
    return [fieldErrors.required('metadata.name', 'name or generateName is required')];
  const name = meta.name;
  const problems = strategy.nameProblems?.(name) ?? [subdomainProblem(name)];
  const errors = problems.flatMap((problem) =>
    problem ? [fieldErrors.invalid('metadata.name', name, problem)] : [],
  );
  if (def.namespaced && !meta.namespace) errors.push(fieldErrors.required('metadata.namespace'));
  return errors;
}

export function requireBody(body: unknown): KubeObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('the body of the request was in an unknown format');
  }
  return body as KubeObject;
}

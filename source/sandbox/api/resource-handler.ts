import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyPatch, patchTypeOf } from '../patch/apply-patch.ts';
import { checkWriteOptions, fieldManagerOf } from '../patch/field-manager.ts';
import { patchFailure } from '../patch/patch-errors.ts';
import { serverSideApply } from '../patch/server-side-apply.ts';
import type { ResourceDefinition } from '../resources/resource-definition.ts';
import { decodeObject, type FieldValidation } from '../schema/decode-object.ts';
import { deprecationWarning, warningHeader } from './deprecation-warning.ts';
import { decodeBody, readBody, readBodyBytes, sendJson } from './http-io.ts';
import type { KubeObject } from './kube-object.ts';
import { pageOf } from './list-paging.ts';
import { type DeleteOptions, type ResourceOps, requireBody } from './resource-ops.ts';
import type { ResourceRoute } from './route.ts';
import { scaleOf, scaleSubresourceTarget } from './scale-subresource.ts';
import { buildMatcher, type Matcher } from './selectors.ts';
import { ApiError, badRequest, methodNotAllowed, notFound } from './status.ts';
import { partialObjectMetadata, tableRequest, toTable } from './table-response.ts';
import type { WatchRegistry } from './watch-stream.ts';

export type Verb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection';

export function verbOf(method: string, route: ResourceRoute, query: URLSearchParams): Verb {
  const isWatch = query.get('watch') === 'true' || query.get('watch') === '1';
  switch (method) {
    case 'GET':
      if (isWatch) return 'watch';
      return route.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return route.name ? 'delete' : 'deletecollection';
    default:
      throw methodNotAllowed(`the server does not allow this method on the requested resource`);
  }
}

export interface HandlerContext {
  ops: ResourceOps;
  watches: WatchRegistry;
  /** Handles subresources served by other parts of the sandbox (exec, log), if any. */
  subresourceHandler?: (
    route: ResourceRoute,
    request: IncomingMessage,
    response: ServerResponse,
  ) => Promise<boolean>;
}

/** Serves one request for a resource path: the verbs, subresources, tables and watches. */
export async function handleResource(
  ctx: HandlerContext,
  route: ResourceRoute,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const { def } = route;
  const verb = verbOf(request.method ?? 'GET', route, query);
  const deprecation = deprecationWarning(def);
  if (deprecation) response.setHeader('Warning', warningHeader(deprecation));
  if (route.subresource && route.subresource !== 'status' && route.subresource !== 'scale') {
    if (await ctx.subresourceHandler?.(route, request, response)) return;
    throw notFound(def.group, def.plural, route.name ?? '');
  }
  if (route.subresource && !def.subresources.includes(route.subresource))
    throw notFound(def.group, def.plural, route.name ?? '');
  if (route.subresource === 'scale') return handleScale(ctx, route, verb, request, response, query);

  const accept = request.headers.accept ?? '';
  const dryRun = query.getAll('dryRun').includes('All');
  switch (verb) {
    case 'get': {
      const object = ctx.ops.store.get(def.id, route.namespace, route.name!);
      if (!object) throw notFound(def.group, def.plural, route.name!);
      const table = tableRequest(accept, query);
      const body = table
        ? toTable(def, [object], table, { resourceVersion: object.metadata.resourceVersion! })
        : object;
      return sendJson(response, 200, body);
    }
    case 'list':
      return sendJson(response, 200, listBody(ctx, def, route, query, accept));
    case 'watch':
      return ctx.watches.open(def, route, query, accept, response);
    case 'create': {
      checkWriteOptions('CreateOptions', query);
      const object = await decodeWrite(def, request, query, route);
      const fieldManager = fieldManagerOf(query, request.headers['user-agent']);
      const result = ctx.ops.create(def, object.object, { dryRun, fieldManager });
      return sendJson(response, 201, result.object, [...object.warnings, ...result.warnings]);
    }
    case 'update': {
      checkWriteOptions('UpdateOptions', query);
      const object = await decodeWrite(def, request, query, route);
      if (object.object.metadata?.name !== route.name) {
        throw badRequest(
          `the name of the object (${object.object.metadata?.name}) does not match the name on the URL (${route.name})`,
        );
      }
      const result = ctx.ops.update(def, object.object, {
        dryRun,
        fieldManager: fieldManagerOf(query, request.headers['user-agent']),
        ...(route.subresource === 'status' ? { subresource: 'status' as const } : {}),
      });
      return sendJson(response, 200, result.object, [...object.warnings, ...result.warnings]);
    }
    case 'patch':
      return handlePatch(ctx, def, route, request, response, query);
    case 'delete': {
      const options = await deleteOptions(request, query);
      const deleted = ctx.ops.delete(def, route.namespace, route.name!, options);
      return sendJson(response, 200, deleted);
    }
    case 'deletecollection': {
      const options = await deleteOptions(request, query);
      const matches = ctx.ops.store.scan(def.id, route.namespace).filter(matcherFor(query));
      const deleted = matches.map((object) =>
        ctx.ops.delete(def, object.metadata.namespace, object.metadata.name!, options),
      );
      return sendJson(response, 200, listOf(def, deleted, String(ctx.ops.store.currentRevision)));
    }
  }
}

function matcherFor(query: URLSearchParams): Matcher {
  return buildMatcher(query.get('labelSelector'), query.get('fieldSelector'));
}

function listBody(
  ctx: HandlerContext,
  def: ResourceDefinition,
  route: ResourceRoute,
  query: URLSearchParams,
  accept: string,
): Record<string, unknown> {
  const matches = ctx.ops.store.scan(def.id, route.namespace).filter(matcherFor(query));
  const limit = query.get('limit') ? Number(query.get('limit')) : undefined;
  const {
    page,
    continue: next,
    remainingItemCount,
    rv,
  } = pageOf(matches, limit, query.get('continue') ?? undefined, ctx.ops.store.currentRevision);
  const listMeta = {
    resourceVersion: String(rv),
    ...(next ? { continue: next } : {}),
    ...(remainingItemCount !== undefined ? { remainingItemCount } : {}),
  };
  const table = tableRequest(accept, query);
  if (table) return toTable(def, page, table, listMeta);
  if (accept.includes('as=PartialObjectMetadataList')) {
    return {
      kind: 'PartialObjectMetadataList',
      apiVersion: 'meta.k8s.io/v1',
      metadata: listMeta,
      items: page.map((object) => partialObjectMetadata(object)),
    };
  }
  return { kind: def.listKind, apiVersion: apiVersionOf(def), metadata: listMeta, items: page };
}

function listOf(
  def: ResourceDefinition,
  items: KubeObject[],
  resourceVersion: string,
): Record<string, unknown> {
  return {
    kind: def.listKind,
    apiVersion: apiVersionOf(def),
    metadata: { resourceVersion },
    items,
  };
}

function apiVersionOf(def: ResourceDefinition): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

function fieldValidationOf(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation');
  if (value === null || value === '') return 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw badRequest(
    `fieldValidation parameter unsupported: ${value}. Supported values: Ignore, Warn, Strict`,
  );
}

/** Reads a create/update body: the object, checked against the URL and the kind's fields. */
async function decodeWrite(
  def: ResourceDefinition,
  request: IncomingMessage,
  query: URLSearchParams,
  route: ResourceRoute,
): Promise<{ object: KubeObject; warnings: string[] }> {
  const body = requireBody(
    decodeBody(
      await readBodyBytes(request),
      request.headers['content-type'] ?? 'application/json',
      { apiVersion: apiVersionOf(def), kind: def.kind },
    ),
  );
  checkKind(def, body);
  body.metadata = body.metadata ?? {};
  placeInNamespace(def, body, route);
  return decodeObject(def, body, fieldValidationOf(query));
}

function checkKind(def: ResourceDefinition, body: KubeObject): void {
  if (body.kind && body.kind !== def.kind) {
    throw badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(def)})`,
    );
  }
  if (body.apiVersion && body.apiVersion !== apiVersionOf(def)) {
    throw badRequest(
      `the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersionOf(def)})`,
    );
  }
}

function placeInNamespace(def: ResourceDefinition, body: KubeObject, route: ResourceRoute): void {
  if (!def.namespaced) return;
  const sent = body.metadata.namespace;
  if (sent && route.namespace && sent !== route.namespace) {
    throw badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  body.metadata.namespace = route.namespace ?? sent;
}

/**
 * PATCH: a JSON, merge or strategic merge patch of the stored object, recorded as an `Update`
 * by its field manager; or a server-side apply, which creates the object when it is missing.
 * Either way the result is admitted like any create or update (defaults, validation, dry run).
 */
async function handlePatch(
  ctx: HandlerContext,
  def: ResourceDefinition,
  route: ResourceRoute,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const contentType = request.headers['content-type'] ?? '';
  const type = patchTypeOf(def, contentType);
  checkWriteOptions('PatchOptions', query, type);
  const patch = decodeBody(await readBody(request), contentType);
  const dryRun = query.getAll('dryRun').includes('All');
  const validation = fieldValidationOf(query);
  const subresource = route.subresource === 'status' ? ('status' as const) : undefined;
  const existing = ctx.ops.store.get(def.id, route.namespace, route.name!);

  if (type === 'apply') {
    checkAppliedFields(def, patch);
    if (subresource && !existing) throw notFound(def.group, def.plural, route.name!);
    const applied = serverSideApply(def, existing, patch, {
      manager: query.get('fieldManager')!,
      force: query.get('force') === 'true',
      now: ctx.ops.store.now(),
      ...(subresource ? { subresource } : {}),
    });
    checkPatchedIdentity(def, applied, route);
    const result = existing
      ? ctx.ops.update(def, applied, { dryRun, ...(subresource ? { subresource } : {}) })
      : ctx.ops.create(def, applied, { dryRun });
    return sendJson(response, existing ? 200 : 201, result.object, result.warnings);
  }

  if (!existing) throw notFound(def.group, def.plural, route.name!);
  const patched = applyPatch(def, type, existing, patch);
  const decoded = decodeObject(def, patched, validation, { origin: 'patch' });
  checkPatchedIdentity(def, decoded.object, route);
  const result = ctx.ops.update(def, decoded.object, {
    dryRun,
    fieldManager: fieldManagerOf(query, request.headers['user-agent']),
    ...(subresource ? { subresource } : {}),
  });
  return sendJson(response, 200, result.object, [...decoded.warnings, ...result.warnings]);
}

/**
 * An applied configuration must use the kind's fields only, whatever `fieldValidation` says:
 * the server converts it to its typed form first.
 */
function checkAppliedFields(def: ResourceDefinition, applied: unknown): void {
  if (!applied || typeof applied !== 'object' || Array.isArray(applied)) return;
  const config = applied as KubeObject;
  const { warnings } = decodeObject(def, { ...config, metadata: config.metadata ?? {} }, 'Warn');
  const unknown = warnings
    .map((warning) => /^unknown field "(.*)"$/.exec(warning)?.[1])
    .filter((path): path is string => path !== undefined);
  if (unknown.length === 0) return;
  const meta = config.metadata ?? {};
  throw patchFailure(
    `failed to create typed patch object (${meta.namespace ?? ''}/${meta.name ?? ''}; ${def.group}/${def.version}, Kind=${def.kind}): .${unknown[0]}: field not declared in schema`,
  );
}

/** A patch may not rename the object or move it to another namespace. */
function checkPatchedIdentity(def: ResourceDefinition, object: KubeObject, route: ResourceRoute) {
  object.metadata = object.metadata ?? {};
  if (object.metadata.name !== route.name) {
    throw badRequest(
      `the name of the object (${object.metadata.name ?? ''}) does not match the name on the URL (${route.name})`,
    );
  }
  placeInNamespace(def, object, route);
}

async function deleteOptions(
  request: IncomingMessage,
  query: URLSearchParams,
): Promise<DeleteOptions> {
  const body = decodeBody(await readBody(request), 'application/json') as
    | Record<string, unknown>
    | undefined;
  const propagation = (body?.propagationPolicy ??
    query.get('propagationPolicy') ??
    'Background') as string;
  if (!['Orphan', 'Background', 'Foreground'].includes(propagation)) {
    throw badRequest(
      `propagationPolicy: Unsupported value: "${propagation}": supported values: "Foreground", "Background", "Orphan"`,
    );
  }
  const grace = body?.gracePeriodSeconds ?? query.get('gracePeriodSeconds');
  const dryRun = [...((body?.dryRun as string[] | undefined) ?? []), ...query.getAll('dryRun')];
  return {
    propagationPolicy: propagation as DeleteOptions['propagationPolicy'],
    dryRun: dryRun.includes('All'),
    ...(grace !== undefined && grace !== null ? { gracePeriodSeconds: Number(grace) } : {}),
    ...(body?.preconditions
      ? { preconditions: body.preconditions as DeleteOptions['preconditions'] }
      : {}),
  };
}

async function handleScale(
  ctx: HandlerContext,
  route: ResourceRoute,
  verb: Verb,
  request: IncomingMessage,
  response: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const { def } = route;
  const existing = ctx.ops.store.get(def.id, route.namespace, route.name!);
  if (!existing) throw notFound(def.group, def.plural, route.name!);
  if (verb === 'get') return sendJson(response, 200, scaleOf(existing));
  if (verb !== 'update' && verb !== 'patch')
    throw methodNotAllowed('the server does not allow this method on the requested resource');
  const contentType = request.headers['content-type'] ?? 'application/json';
  const patchType = verb === 'patch' ? patchTypeOf(def, contentType) : undefined;
  checkWriteOptions(patchType ? 'PatchOptions' : 'UpdateOptions', query, patchType);
  // Server-side apply of a Scale would need its field paths mapped onto the parent's.
  if (patchType === 'apply')
    throw methodNotAllowed('apply is not supported on the scale subresource');
  const sent = decodeBody(await readBodyBytes(request), contentType);
  const desired = patchType
    ? applyPatch(def, patchType, scaleOf(existing), sent)
    : requireBody(sent);
  const updated = scaleSubresourceTarget(existing, desired);
  const dryRun = query.getAll('dryRun').includes('All');
  const result = ctx.ops.update(def, updated, {
    dryRun,
    subresource: 'scale',
    fieldManager: fieldManagerOf(query, request.headers['user-agent']),
  });
  return sendJson(response, 200, scaleOf(result.object));
}

export function rethrowAsApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(500, 'InternalError', `Internal error occurred: ${(error as Error).message}`);
}

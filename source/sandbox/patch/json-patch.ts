import type { Json } from '../api/kube-object.ts';
import { ApiError, badRequest } from '../api/status.ts';
import { isJsonObject, type JsonObject, jsonEqual } from './json-values.ts';
import { unprocessablePatch } from './patch-errors.ts';

/**
 * RFC 6902 JSON patch (`application/json-patch+json`), with the behaviour and the error texts of
 * the library the API server uses (evanphx/json-patch v4): `replace` of a missing object key
 * adds it, negative array indexes count from the end, and a failing operation becomes a bare
 * 422 whose message does not say which operation failed (the detail is kept as `cause`).
 */
export function jsonPatch(target: Json, patch: unknown): Json {
  const operations = decodeOperations(patch);
  const document: { root: unknown } = { root: structuredClone(target) };
  for (const operation of operations) {
    try {
      applyOperation(document, operation);
    } catch (error) {
      if (error instanceof PatchOperationError) throw unprocessablePatch(error.message);
      throw error;
    }
  }
  if (!isJsonObject(document.root))
    throw unprocessablePatch('replace operation hit impossible case');
  return document.root;
}

/** The maximum the API server accepts in one JSON patch. */
const maxOperations = 10_000;

type Operation = JsonObject;

function decodeOperations(patch: unknown): Operation[] {
  if (!Array.isArray(patch)) {
    throw badRequest(
      `json: cannot unmarshal ${goJsonType(patch)} into Go value of type jsonpatch.Patch`,
    );
  }
  if (patch.length > maxOperations) {
    throw new ApiError(
      413,
      'RequestEntityTooLarge',
      `Request entity too large: The allowed maximum operations in a JSON patch is ${maxOperations}, got ${patch.length}`,
    );
  }
  for (const operation of patch) {
    if (!isJsonObject(operation) && operation !== null) {
      throw badRequest(
        `json: cannot unmarshal ${goJsonType(operation)} into Go value of type jsonpatch.Operation`,
      );
    }
  }
  return patch.map((operation) => (operation ?? {}) as Operation);
}

/** How Go's encoding/json names a JSON value's type in unmarshal errors. */
function goJsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'bool';
  return typeof value === 'object' ? 'object' : typeof value;
}

class PatchOperationError extends Error {}

const missing = 'missing value';
const invalidIndex = 'invalid index referenced';
const testFailed = 'test failed';

function fail(message: string, cause: string): never {
  throw new PatchOperationError(`${message}: ${cause}`);
}

function applyOperation(document: { root: unknown }, operation: Operation): void {
  const kind = typeof operation.op === 'string' ? operation.op : 'unknown';
  switch (kind) {
    case 'add':
      return add(document, pathOf(operation, 'add'), operation.value);
    case 'remove':
      return remove(document, pathOf(operation, 'remove'));
    case 'replace':
      return replace(document, pathOf(operation, 'replace'), operation.value);
    case 'move':
      return move(document, operation);
    case 'copy':
      return copy(document, operation);
    case 'test':
      return test(document, pathOf(operation, 'test'), operation.value);
    default:
      throw new PatchOperationError(`Unexpected kind: ${kind}`);
  }
}

function pathOf(operation: Operation, kind: string, field: 'path' | 'from' = 'path'): string {
  const path = operation[field];
  if (typeof path !== 'string') {
    fail(`${kind} operation failed to decode ${field}`, `operation missing ${field} field`);
  }
  return path;
}

/** A JSON pointer's parent container and last token, or undefined if the parent is missing. */
function locate(document: { root: unknown }, path: string): Parent | undefined {
  const tokens = path.split('/');
  if (tokens.length < 2) return undefined;
  let current = document.root;
  for (const token of tokens.slice(1, -1)) {
    const next = childOf(current, decodeToken(token));
    if (next === undefined || next === null || typeof next !== 'object') return undefined;
    current = next;
  }
  if (current === null || typeof current !== 'object') return undefined;
  return { container: current as JsonObject | unknown[], key: decodeToken(tokens.at(-1)!) };
}

interface Parent {
  container: JsonObject | unknown[];
  key: string;
}

function decodeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

function childOf(container: unknown, key: string): unknown {
  if (Array.isArray(container)) {
    const index = Number.parseInt(key, 10);
    if (Number.isNaN(index)) return undefined;
    return container[index < 0 ? container.length + index : index];
  }
  return isJsonObject(container) ? container[key] : undefined;
}

function arrayIndex(key: string, size: number): number {
  if (!/^-?\d+$/.test(key)) {
    throw new PatchOperationError(
      `value was not a proper array index: '${key}': strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`,
    );
  }
  let index = Number(key);
  if (index >= size || index < -size)
    fail(`Unable to access invalid index: ${index}`, invalidIndex);
  if (index < 0) index += size;
  return index;
}

function addAt(parent: Parent, value: unknown): void {
  const { container, key } = parent;
  if (Array.isArray(container)) {
    if (key === '-') container.push(value);
    else container.splice(arrayIndex(key, container.length + 1), 0, value);
  } else {
    container[key] = value;
  }
}

function getAt(parent: Parent): unknown {
  const { container, key } = parent;
  if (Array.isArray(container)) return container[arrayIndex(key, container.length)];
  return container[key];
}

function removeAt(parent: Parent): void {
  const { container, key } = parent;
  if (Array.isArray(container)) {
    container.splice(arrayIndex(key, container.length), 1);
  } else {
    if (!(key in container)) fail(`Unable to remove nonexistent key: ${key}`, missing);
    delete container[key];
  }
}

function add(document: { root: unknown }, path: string, value: unknown): void {
  const parent = locate(document, path);
  if (!parent) fail(`add operation does not apply: doc is missing path: "${path}"`, missing);
  wrap(`error in add for path: '${path}'`, () => addAt(parent, structuredClone(value ?? null)));
}

function remove(document: { root: unknown }, path: string): void {
  const parent = locate(document, path);
  if (!parent) fail(`remove operation does not apply: doc is missing path: "${path}"`, missing);
  wrap(`error in remove for path: '${path}'`, () => removeAt(parent));
}

function replace(document: { root: unknown }, path: string, value: unknown): void {
  if (path === '') {
    if (value === null || typeof value !== 'object') {
      throw new PatchOperationError('replace operation value must be object or array');
    }
    document.root = structuredClone(value);
    return;
  }
  const parent = locate(document, path);
  if (!parent) fail(`replace operation does not apply: doc is missing path: ${path}`, missing);
  if (Array.isArray(parent.container)) {
    const list = parent.container;
    const index = wrap(`replace operation does not apply: doc is missing key: ${path}`, () =>
      arrayIndex(parent.key, list.length),
    );
    list[index] = structuredClone(value ?? null);
  } else {
    parent.container[parent.key] = structuredClone(value ?? null);
  }
}

function move(document: { root: unknown }, operation: Operation): void {
  const from = pathOf(operation, 'move', 'from');
  const source = locate(document, from);
  if (!source) fail(`move operation does not apply: doc is missing from path: ${from}`, missing);
  const value = wrap(`error in move for path: '${source.key}'`, () => {
    const found = getAt(source);
    removeAt(source);
    return found;
  });
  const path = pathOf(operation, 'move');
  const target = locate(document, path);
  if (!target)
    fail(`move operation does not apply: doc is missing destination path: ${path}`, missing);
  wrap(`error in move for path: '${path}'`, () => addAt(target, value));
}

function copy(document: { root: unknown }, operation: Operation): void {
  const from = pathOf(operation, 'copy', 'from');
  const source = locate(document, from);
  if (!source) fail(`copy operation does not apply: doc is missing from path: ${from}`, missing);
  const value = wrap(`error in copy for from: '${from}'`, () => getAt(source));
  const path = pathOf(operation, 'copy');
  const target = locate(document, path);
  if (!target)
    fail(`copy operation does not apply: doc is missing destination path: ${path}`, missing);
  wrap('error while adding value during copy', () => addAt(target, structuredClone(value ?? null)));
}

function test(document: { root: unknown }, path: string, expected: unknown): void {
  if (path === '') {
    if (jsonEqual(document.root, expected)) return;
    fail(`testing value ${path} failed`, testFailed);
  }
  const parent = locate(document, path);
  if (!parent) fail(`test operation does not apply: is missing path: ${path}`, missing);
  const actual = wrap(`error in test for path: '${path}'`, () => getAt(parent));
  // A missing member equals a `null` (or absent) expected value.
  if (actual === undefined && (expected === undefined || expected === null)) return;
  if (actual !== undefined && jsonEqual(actual, expected)) return;
  fail(`testing value ${path} failed`, testFailed);
}

function wrap<T>(context: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof PatchOperationError)
      throw new PatchOperationError(`${context}: ${error.message}`);
    throw error;
  }
}

import { describe, expect, it } from 'vitest';
import { jsonPatch } from '../../../source/sandbox/patch/json-patch.ts';
import { apiErrorFrom } from '../../support/api-error.ts';

const service = () => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'echo', labels: { app: 'echo', 'example.com/tier': 'web' } },
  spec: { ports: [{ port: 80 }, { port: 443 }], selector: { app: 'echo' } },
});

const failure = (action: () => unknown) => apiErrorFrom(action, 'expected the patch to fail');

describe('JSON patch', () => {
  it('adds, replaces, removes, moves and copies', () => {
    const result = jsonPatch(service(), [
      { op: 'add', path: '/spec/ports/-', value: { port: 8080 } },
      { op: 'add', path: '/spec/ports/0', value: { port: 53 } },
      { op: 'replace', path: '/spec/selector/app', value: 'other' },
      { op: 'remove', path: '/metadata/labels/example.com~1tier' },
      { op: 'copy', from: '/spec/selector/app', path: '/metadata/labels/copied' },
      { op: 'move', from: '/spec/ports/1', path: '/spec/ports/3' },
    ]);
    expect(result.spec.ports).toEqual([{ port: 53 }, { port: 443 }, { port: 8080 }, { port: 80 }]);
    expect(result.spec.selector).toEqual({ app: 'other' });
    expect(result.metadata.labels).toEqual({ app: 'echo', copied: 'other' });
  });

  it('passes a test operation on an equal value and applies the rest', () => {
    const result = jsonPatch(service(), [
      { op: 'test', path: '/spec/ports/0', value: { port: 80 } },
      { op: 'replace', path: '/spec/ports/0/port', value: 81 },
    ]);
    expect(result.spec.ports[0]).toEqual({ port: 81 });
  });

  it('fails a test on a different value with the bare 422 the server sends', () => {
    const error = failure(() =>
      jsonPatch(service(), [
        { op: 'test', path: '/metadata/labels/app', value: 'nginx' },
        { op: 'remove', path: '/metadata/labels/app' },
      ]),
    );
    expect(error.toStatus()).toMatchObject({
      kind: 'Status',
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: {},
      code: 422,
    });
    expect(error.cause).toBe('testing value /metadata/labels/app failed: test failed');
  });

  it('words missing paths as evanphx/json-patch does', () => {
    const remove = failure(() => jsonPatch(service(), [{ op: 'remove', path: '/metadata/nope' }]));
    expect(remove.cause).toBe(
      "error in remove for path: '/metadata/nope': Unable to remove nonexistent key: nope: missing value",
    );
    const add = failure(() => jsonPatch(service(), [{ op: 'add', path: '/a/b/c', value: 1 }]));
    expect(add.cause).toBe(
      'add operation does not apply: doc is missing path: "/a/b/c": missing value',
    );
    const index = failure(() =>
      jsonPatch(service(), [{ op: 'add', path: '/spec/ports/5', value: 1 }]),
    );
    expect(index.cause).toBe(
      "error in add for path: '/spec/ports/5': Unable to access invalid index: 5: invalid index referenced",
    );
    const kind = failure(() => jsonPatch(service(), [{ op: 'frobnicate', path: '/spec' }]));
    expect(kind.cause).toBe('Unexpected kind: frobnicate');
  });

  it('adds a missing key on replace, like the server (json-patch v4)', () => {
    const result = jsonPatch(service(), [
      { op: 'replace', path: '/metadata/labels/new', value: 'x' },
    ]);
    expect(result.metadata.labels.new).toBe('x');
  });

  it('rejects a body that is not a list of operations with 400', () => {
    const error = failure(() => jsonPatch(service(), { op: 'add' }));
    expect(error.code).toBe(400);
    expect(error.message).toBe(
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    );
  });

  it('leaves its input untouched', () => {
    const live = service();
    jsonPatch(live, [{ op: 'remove', path: '/spec/ports/0' }]);
    expect(live).toEqual(service());
  });
});

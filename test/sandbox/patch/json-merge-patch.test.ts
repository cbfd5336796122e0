import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../source/sandbox/api/status.ts';
import { jsonMergePatch } from '../../../source/sandbox/patch/json-merge-patch.ts';

describe('JSON merge patch (RFC 7386)', () => {
  const live = {
    metadata: { labels: { app: 'echo', team: 'web' } },
    spec: { replicas: 2, ports: [{ port: 80 }, { port: 443 }] },
  };

  it('merges objects, removes null members and replaces lists whole', () => {
    const result = jsonMergePatch(live, {
      metadata: { labels: { team: null, tier: 'front' } },
      spec: { ports: [{ port: 8080, name: null }] },
    });
    expect(result).toEqual({
      metadata: { labels: { app: 'echo', tier: 'front' } },
      spec: { replicas: 2, ports: [{ port: 8080 }] },
    });
  });

  it('drops nulls inside values it adds whole', () => {
    const result = jsonMergePatch(live, { status: { a: null, b: { c: null, d: 1 } } });
    expect(result.status).toEqual({ b: { d: 1 } });
  });

  it('is the RFC 7386 appendix A examples', () => {
    const cases: Array<[object, unknown, object]> = [
      [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
      [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
      [{ a: 'b' }, { a: null }, {}],
      [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
      [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
      [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
      [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
      [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
      [{ e: null }, { a: 1 }, { e: null, a: 1 }],
      [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
    ];
    for (const [target, patch, expected] of cases) {
      expect(jsonMergePatch(target as Record<string, unknown>, patch)).toEqual(expected);
    }
  });

  it('rejects a patch that is not an object', () => {
    expect(() => jsonMergePatch(live, 'nope')).toThrow(ApiError);
    expect(() => jsonMergePatch(live, null)).toThrow('Invalid JSON Patch');
  });
});

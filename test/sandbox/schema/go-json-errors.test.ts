import { describe, expect, it } from 'vitest';
import {
  base64ErrorOffset,
  goValueString,
  quantityError,
  unmarshalTypeError,
} from '../../../source/sandbox/schema/go-json-errors.ts';

describe('base64ErrorOffset (Go standard encoding, padded)', () => {
  it.each([
    ['aGVsbG8=', undefined],
    ['aGVsbG8h', undefined],
    ['', undefined],
    ['aGVs\nbG8=\n', undefined],
    ['aGVsbG8', 4], // a quantum cut short is reported where it started
    ['YQ', 0],
    ['a!==', 1],
    ['aGVsbG8=x', 8], // trailing garbage after the padding
    ['aG==VsbG8=', 4],
    ['a===', 1],
  ])('%j → %s', (text, offset) => {
    expect(base64ErrorOffset(text)).toBe(offset);
  });
});

describe('quantityError', () => {
  it.each(['100m', '1', '0.5', '128974848', '64Mi', '1e3', '2Gi', ' 3 '])('accepts %j', (text) => {
    expect(quantityError(text)).toBeUndefined();
  });

  it('accepts bare JSON numbers', () => {
    expect(quantityError(2)).toBeUndefined();
  });

  it('refuses text outside the grammar and unknown suffixes', () => {
    expect(quantityError('lots')).toMatch(/^quantities must match the regular expression/);
    expect(quantityError('')).toMatch(/^quantities must match/);
    expect(quantityError(true)).toMatch(/^quantities must match/);
    expect(quantityError('1kk')).toBe("unable to parse quantity's suffix");
  });
});

describe('unmarshalTypeError', () => {
  it('names the Go struct and the JSON path of the field', () => {
    expect(
      unmarshalTypeError('string', 'int32', {
        structName: 'DeploymentSpec',
        fieldStack: ['spec', 'replicas'],
      }),
    ).toBe(
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it('falls back to the value form outside any struct', () => {
    expect(unmarshalTypeError('bool', 'int32', undefined)).toBe(
      'json: cannot unmarshal bool into Go value of type int32',
    );
  });
});

describe('goValueString', () => {
  it('prints a strategic merge patch the way Go prints the decoded map', () => {
    const patch = {
      spec: { clusterIp: '10.96.0.5', clusterIP: null, ports: [{ port: 80, name: 'http' }] },
      metadata: { annotations: { note: 'a b' } },
    };
    expect(goValueString(patch)).toBe(
      'map[metadata:map[annotations:map[note:a b]] spec:map[clusterIP:<nil> clusterIp:10.96.0.5 ports:[map[name:http port:80]]]]',
    );
  });

  it('prints floats in the shortest %v form', () => {
    expect(goValueString(0.5)).toBe('0.5');
    expect(goValueString(1234567.5)).toBe('1.2345675e+06');
    expect(goValueString(0.00001)).toBe('1e-05');
    expect(goValueString(true)).toBe('true');
  });
});

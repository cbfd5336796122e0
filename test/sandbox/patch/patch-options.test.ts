import { describe, expect, it } from 'vitest';
import { patchTypeOf } from '../../../source/sandbox/patch/apply-patch.ts';
import { checkWriteOptions, fieldManagerOf } from '../../../source/sandbox/patch/field-manager.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { apiErrorFrom } from '../../support/api-error.ts';

const services = resourceById('/services');
const gateways = resourceById('gateway.networking.k8s.io/gateways');

const failure = (action: () => unknown) => apiErrorFrom(action, 'expected a failure');

describe('patch media types', () => {
  it('maps the four patch content types, ignoring parameters', () => {
    expect(patchTypeOf(services, 'application/json-patch+json')).toBe('json');
    expect(patchTypeOf(services, 'application/merge-patch+json; charset=utf-8')).toBe('merge');
    expect(patchTypeOf(services, 'application/strategic-merge-patch+json')).toBe('strategic');
    expect(patchTypeOf(services, 'application/apply-patch+yaml')).toBe('apply');
  });

  it('refuses strategic merge patch for custom resources with 415', () => {
    const error = failure(() => patchTypeOf(gateways, 'application/strategic-merge-patch+json'));
    expect(error.code).toBe(415);
    expect(error.reason).toBe('UnsupportedMediaType');
    expect(error.message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
    expect(failure(() => patchTypeOf(services, 'application/json')).message).toContain(
      'application/strategic-merge-patch+json, application/apply-patch+yaml',
    );
  });
});

describe('field managers', () => {
  it('takes the fieldManager parameter, else the User-Agent before its first slash', () => {
    const agent = 'kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0';
    expect(fieldManagerOf(new URLSearchParams('fieldManager=tutor'), agent)).toBe('tutor');
    expect(fieldManagerOf(new URLSearchParams(), agent)).toBe('kubectl');
    expect(fieldManagerOf(new URLSearchParams(), 'node-fetch')).toBe('node-fetch');
    expect(fieldManagerOf(new URLSearchParams(), 'a\u0007b/1')).toBe('ab');
  });

  it('validates PatchOptions as the server does', () => {
    const apply = failure(() => checkWriteOptions('PatchOptions', new URLSearchParams(), 'apply'));
    expect(apply.code).toBe(422);
    expect(apply.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    );
    const force = failure(() =>
      checkWriteOptions('PatchOptions', new URLSearchParams('force=true'), 'merge'),
    );
    expect(force.message).toBe(
      'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    );
    const long = failure(() =>
      checkWriteOptions('CreateOptions', new URLSearchParams(`fieldManager=${'x'.repeat(129)}`)),
    );
    expect(long.message).toBe(
      'CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes',
    );
    expect(() =>
      checkWriteOptions(
        'PatchOptions',
        new URLSearchParams('fieldManager=tutor&force=true'),
        'apply',
      ),
    ).not.toThrow();
  });
});

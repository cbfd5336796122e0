import { describe, expect, it } from 'vitest';
import { configMapRow } from '../../source/render/config-map-row.ts';
import { leaseRow } from '../../source/render/lease-row.ts';
import { namespaceRow } from '../../source/render/namespace-row.ts';
import { secretRow } from '../../source/render/secret-row.ts';
import { serviceAccountRow } from '../../source/render/service-account-row.ts';
import { fixture, renderRow } from '../support/render-row.ts';
import objects from './fixtures/config.json' with { type: 'json' };

describe('rows of namespaces, secrets, config maps, service accounts and leases', () => {
  it('prints a namespace and its phase', () => {
    expect(renderRow(namespaceRow, fixture(objects, 'expose-tutor'))).toEqual({
      NAME: 'expose-tutor',
      STATUS: 'Active',
      AGE: '5m',
    });
    expect(renderRow(namespaceRow, fixture(objects, 'leaving')).STATUS).toBe('Terminating');
  });

  it('prints a secret with its type and number of keys', () => {
    expect(renderRow(secretRow, fixture(objects, 'echo-tls'))).toEqual({
      NAME: 'echo-tls',
      TYPE: 'kubernetes.io/tls',
      DATA: 2,
      AGE: '5m',
    });
    expect(renderRow(secretRow, fixture(objects, 'empty'))).toMatchObject({
      TYPE: 'Opaque',
      DATA: 0,
    });
  });

  it('counts text and binary keys of a config map', () => {
    expect(renderRow(configMapRow, fixture(objects, 'kube-root-ca.crt'))).toEqual({
      NAME: 'kube-root-ca.crt',
      DATA: 1,
      AGE: '5m',
    });
    expect(renderRow(configMapRow, fixture(objects, 'mixed')).DATA).toBe(3);
  });

  it('counts the secrets of a service account', () => {
    expect(renderRow(serviceAccountRow, fixture(objects, 'default'))).toEqual({
      NAME: 'default',
      SECRETS: 0,
      AGE: '5m',
    });
    expect(renderRow(serviceAccountRow, fixture(objects, 'legacy')).SECRETS).toBe(1);
  });

  it('prints the holder of a lease', () => {
    expect(renderRow(leaseRow, fixture(objects, 'expose-tutor-worker'))).toEqual({
      NAME: 'expose-tutor-worker',
      HOLDER: 'expose-tutor-worker',
      AGE: '63d',
    });
  });
});

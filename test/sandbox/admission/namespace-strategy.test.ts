import { describe, expect, it } from 'vitest';
import { admissionFixture, rejection } from '../../support/admission.ts';

describe('Namespace admission', () => {
  it('labels, finalizes and activates a new namespace', () => {
    const f = admissionFixture();
    const { object } = f.create('/namespaces', {
      metadata: { name: 'shop' },
      status: { phase: 'Terminating' },
    });
    expect(object.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
    expect(object.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(object.status).toEqual({ phase: 'Active' });
  });

  it('keeps spec.finalizers across updates', () => {
    const f = admissionFixture();
    const created = f.create('/namespaces', { metadata: { name: 'shop' } }).object;
    const edited = {
      ...created,
      spec: {},
      metadata: { ...created.metadata, labels: { team: 'a' } },
    };
    const updated = f.update('/namespaces', edited).object;
    expect(updated.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(updated.metadata.labels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'shop' });
  });

  it('needs a DNS-1123 label name', () => {
    const f = admissionFixture();
    expect(rejection(() => f.create('/namespaces', { metadata: { name: 'My_Space' } }))).toBe(
      `Namespace "My_Space" is invalid: metadata.name: Invalid value: "My_Space": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
  });

  it('terminates gracefully and refuses to delete the system namespaces', () => {
    const f = admissionFixture();
    f.create('/namespaces', { metadata: { name: 'shop' } });
    const deleted = f.delete('/namespaces', undefined, 'shop');
    expect(deleted.status).toEqual({ phase: 'Terminating' });
    expect(f.get('/namespaces', undefined, 'shop')?.metadata.deletionTimestamp).toBeDefined();
    expect(rejection(() => f.delete('/namespaces', undefined, 'kube-system'))).toBe(
      'namespaces "kube-system" is forbidden: this namespace may not be deleted',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { recordUpdate } from '../../../source/sandbox/patch/managed-fields.ts';
import {
  lastAppliedAnnotation,
  serverSideApply,
} from '../../../source/sandbox/patch/server-side-apply.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { apiErrorFrom } from '../../support/api-error.ts';

const services = resourceById('/services');
const deployments = resourceById('apps/deployments');
const now = '2026-11-26T12:00:00Z';
const later = '2026-11-26T12:05:00Z';

function config(ports: object[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'echo', namespace: 'default', labels: { app: 'echo' } },
    spec: { selector: { app: 'echo' }, ports },
    ...extra,
  };
}

/** What the API server adds on create: identity and defaults nobody applied. */
function stored(object: KubeObject): KubeObject {
  const copy = structuredClone(object);
  copy.metadata = { ...copy.metadata, uid: 'u-1', resourceVersion: '10' };
  copy.spec = { ...copy.spec, type: 'ClusterIP', clusterIP: '10.96.0.20' };
  copy.spec.ports = copy.spec.ports.map((port: Record<string, unknown>) => ({
    protocol: 'TCP',
    targetPort: port.port,
    ...port,
  }));
  return copy;
}

const failure = (action: () => unknown) => apiErrorFrom(action, 'expected the apply to fail');

describe('server-side apply', () => {
  it('creates an object and records an Apply entry in the fieldsV1 notation', () => {
    const result = serverSideApply(
      services,
      undefined,
      config([{ name: 'http', port: 80, targetPort: 8080 }]),
      { manager: 'tutor', force: false, now },
    );
    expect(result.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
    expect(result.metadata.managedFields).toEqual([
      {
        manager: 'tutor',
        operation: 'Apply',
        apiVersion: 'v1',
        time: now,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:ports': {
              'k:{"port":80,"protocol":"TCP"}': {
                '.': {},
                'f:name': {},
                'f:port': {},
                'f:targetPort': {},
              },
            },
            'f:selector': {},
          },
        },
      },
    ]);
  });

  it('removes what the manager stops applying, and keeps what the server defaulted', () => {
    const first = stored(
      serverSideApply(
        services,
        undefined,
        config([
          { name: 'http', port: 80 },
          { name: 'metrics', port: 9090 },
        ]),
        { manager: 'tutor', force: false, now },
      ),
    );
    const second = serverSideApply(services, first, config([{ name: 'http', port: 80 }]), {
      manager: 'tutor',
      force: false,
      now: later,
    });
    expect(second.spec.ports).toEqual([
      { protocol: 'TCP', targetPort: 80, name: 'http', port: 80 },
    ]);
    expect(second.spec.clusterIP).toBe('10.96.0.20');
    expect(second.metadata.uid).toBe('u-1');
    expect(second.metadata.managedFields?.[0]?.time).toBe(later);
  });

  it('keeps a field another manager also owns when the applier drops it', () => {
    const first = stored(
      serverSideApply(services, undefined, config([{ port: 80 }]), {
        manager: 'tutor',
        force: false,
        now,
      }),
    );
    const shared = serverSideApply(services, first, config([{ port: 80 }]), {
      manager: 'other',
      force: false,
      now,
    });
    const dropped = serverSideApply(
      services,
      shared,
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'echo', namespace: 'default' } },
      { manager: 'tutor', force: false, now },
    );
    expect(dropped.spec.ports).toEqual([{ protocol: 'TCP', targetPort: 80, port: 80 }]);
    expect(dropped.metadata.labels).toEqual({ app: 'echo' });
    expect(dropped.metadata.managedFields?.map((entry) => entry.manager)).toEqual(['other']);
  });

  it('fails with 409 on a field another manager set, worded like the API server', () => {
    const created = stored(config([{ port: 80, targetPort: 8080 }]));
    delete created.metadata.managedFields;
    recordUpdate(services, undefined, created, { manager: 'kubectl-client-side-apply', now });
    const error = failure(() =>
      serverSideApply(services, created, config([{ port: 80, targetPort: 9090 }]), {
        manager: 'tutor',
        force: false,
        now: later,
      }),
    );
    expect(error.code).toBe(409);
    expect(error.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .spec.ports[port=80,protocol="TCP"].targetPort',
    );
    expect(error.toStatus()).toMatchObject({
      reason: 'Conflict',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-client-side-apply" using v1',
            field: '.spec.ports[port=80,protocol="TCP"].targetPort',
          },
        ],
      },
    });
  });

  it('lists several conflicts per manager', () => {
    const created = stored(config([{ port: 80, targetPort: 8080 }]));
    recordUpdate(services, undefined, created, { manager: 'kubectl-create', now });
    const error = failure(
      () =>
        serverSideApply(services, created, config([{ port: 80, targetPort: 9090 }], {}), {
          manager: 'tutor',
          force: false,
          now,
        }).metadata,
    );
    expect(error.message).toContain('Apply failed with 1 conflict');
    const twoFields = config([{ port: 80, targetPort: 9090 }]);
    twoFields.spec.type = 'NodePort';
    const two = failure(() =>
      serverSideApply(services, created, twoFields, { manager: 'tutor', force: false, now }),
    );
    expect(two.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-create" using v1:\n' +
        '- .spec.type\n' +
        '- .spec.ports[port=80,protocol="TCP"].targetPort',
    );
  });

  it('takes over conflicting fields with force', () => {
    const created = stored(config([{ port: 80, targetPort: 8080 }]));
    recordUpdate(services, undefined, created, { manager: 'kubectl-client-side-apply', now });
    const forced = serverSideApply(services, created, config([{ port: 80, targetPort: 9090 }]), {
      manager: 'tutor',
      force: true,
      now: later,
    });
    expect(forced.spec.ports[0].targetPort).toBe(9090);
    const csa = forced.metadata.managedFields?.find(
      (entry) => entry.manager === 'kubectl-client-side-apply',
    );
    const port = csa?.fieldsV1['f:spec']['f:ports']['k:{"port":80,"protocol":"TCP"}'];
    expect(port).toHaveProperty('f:port');
    expect(port).not.toHaveProperty('f:targetPort');
  });

  it('shares ownership without conflict when the applied value is the same', () => {
    const created = stored(config([{ port: 80, targetPort: 8080 }]));
    recordUpdate(services, undefined, created, { manager: 'kubectl-create', now });
    const same = serverSideApply(services, created, config([{ port: 80, targetPort: 8080 }]), {
      manager: 'tutor',
      force: false,
      now: later,
    });
    expect(same.metadata.managedFields?.map((entry) => entry.manager)).toEqual([
      'tutor',
      'kubectl-create',
    ]);
  });

  it('lets `kubectl` take over fields client-side apply set, updating last-applied', () => {
    const manifest = config([{ port: 80, targetPort: 8080 }]);
    const created = stored(manifest);
    created.metadata.annotations = { [lastAppliedAnnotation]: JSON.stringify(manifest) };
    recordUpdate(services, undefined, created, { manager: 'kubectl-client-side-apply', now });
    const applied = serverSideApply(services, created, config([{ port: 80, targetPort: 9090 }]), {
      manager: 'kubectl',
      force: false,
      now: later,
    });
    expect(applied.spec.ports[0].targetPort).toBe(9090);
    const lastApplied = JSON.parse(applied.metadata.annotations?.[lastAppliedAnnotation] ?? '{}');
    expect(lastApplied.spec.ports).toEqual([{ port: 80, targetPort: 9090 }]);
  });

  it('checks the configuration as the server does', () => {
    const wrongKind = failure(() =>
      serverSideApply(
        services,
        undefined,
        { apiVersion: 'apps/v1', kind: 'Deployment' },
        {
          manager: 'tutor',
          force: false,
          now,
        },
      ),
    );
    expect(wrongKind.message).toBe('invalid object type: apps/v1, Kind=Deployment');
    const withManagedFields = config([{ port: 80 }]);
    withManagedFields.metadata.managedFields = [];
    expect(
      failure(() =>
        serverSideApply(services, undefined, withManagedFields, {
          manager: 'tutor',
          force: false,
          now,
        }),
      ).message,
    ).toBe('metadata.managedFields must be nil');
  });

  it('merges containers by name and keys container ports by port and protocol', () => {
    const deployment = (image: string, ports: object[]) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image, ports }] },
        },
      },
    });
    const first = serverSideApply(
      deployments,
      undefined,
      deployment('a', [{ containerPort: 80 }]),
      {
        manager: 'tutor',
        force: false,
        now,
      },
    );
    const fields = first.metadata.managedFields?.[0]?.fieldsV1;
    expect(fields['f:spec']['f:selector']).toEqual({});
    expect(
      fields['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"web"}']['f:ports'],
    ).toEqual({ 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } });
    const second = serverSideApply(deployments, first, deployment('b', [{ containerPort: 81 }]), {
      manager: 'tutor',
      force: false,
      now,
    });
    expect(second.spec.template.spec.containers).toEqual([
      { name: 'web', image: 'b', ports: [{ containerPort: 81 }] },
    ]);
  });
});

describe('server-side apply to the status subresource', () => {
  it('applies the status only, under an entry of its own', () => {
    const live = stored(config([{ port: 80 }]));
    recordUpdate(services, undefined, live, { manager: 'kubectl-create', now });
    const condition = { type: 'Ready', status: 'True', reason: 'Tutor', message: 'ok' };
    const result = serverSideApply(
      services,
      live,
      config([{ port: 9999 }], { status: { conditions: [condition] } }),
      { manager: 'tutor', force: false, now: later, subresource: 'status' },
    );
    expect(result.status).toEqual({ conditions: [condition] });
    expect(result.spec.ports[0].port).toBe(80);
    expect(result.metadata.managedFields?.[0]).toMatchObject({
      manager: 'tutor',
      operation: 'Apply',
      subresource: 'status',
      fieldsV1: {
        'f:status': {
          'f:conditions': {
            'k:{"type":"Ready"}': {
              '.': {},
              'f:message': {},
              'f:reason': {},
              'f:status': {},
              'f:type': {},
            },
          },
        },
      },
    });
  });
});

describe('managedFields of ordinary writes', () => {
  it('records a create as an Update entry, with `.` on what the write added whole', () => {
    const created = stored(config([{ port: 80, targetPort: 8080 }]));
    recordUpdate(services, undefined, created, { manager: 'kubectl-create', now });
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: now,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:clusterIP': {},
            'f:ports': {
              '.': {},
              'k:{"port":80,"protocol":"TCP"}': {
                '.': {},
                'f:port': {},
                'f:protocol': {},
                'f:targetPort': {},
              },
            },
            'f:selector': {},
            'f:type': {},
          },
        },
      },
    ]);
  });

  it('moves a field to the manager that changed it, and records nothing for a no-op', () => {
    const created = stored(config([{ port: 80 }]));
    recordUpdate(services, undefined, created, { manager: 'kubectl-create', now });
    const labelled = structuredClone(created);
    labelled.metadata.labels = { app: 'other' };
    recordUpdate(services, created, labelled, { manager: 'kubectl-label', now: later });
    const [create, label] = labelled.metadata.managedFields ?? [];
    // The create still owns the labels map itself, no longer the key.
    expect(create?.fieldsV1['f:metadata']).toEqual({ 'f:labels': {} });
    expect(label).toMatchObject({
      manager: 'kubectl-label',
      time: later,
      fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {} } } },
    });
    const unchanged = structuredClone(labelled);
    recordUpdate(services, labelled, unchanged, { manager: 'kubectl-edit', now: later });
    expect(unchanged.metadata.managedFields).toEqual(labelled.metadata.managedFields);
  });

  it('keeps ten update managers, folding the oldest into ancient-changes', () => {
    let current = stored(config([{ port: 80 }]));
    for (let i = 0; i < 12; i++) {
      const next = structuredClone(current);
      next.metadata.labels = { ...next.metadata.labels, [`l${i}`]: 'x' };
      recordUpdate(services, i === 0 ? undefined : current, next, {
        manager: `writer-${String(i).padStart(2, '0')}`,
        now: `2026-11-26T12:${String(i).padStart(2, '0')}:00Z`,
      });
      current = next;
    }
    const entries = current.metadata.managedFields ?? [];
    expect(entries).toHaveLength(10);
    expect(entries[0]).toMatchObject({ manager: 'ancient-changes', time: '2026-11-26T12:02:00Z' });
    expect(Object.keys(entries[0]?.fieldsV1['f:metadata']['f:labels'])).toEqual(
      expect.arrayContaining(['f:l1', 'f:l2']),
    );
    expect(entries.at(-1)?.manager).toBe('writer-11');
  });

  it('records subresource writes with their subresource and clears on [{}]', () => {
    const created = stored(config([{ port: 80 }]));
    recordUpdate(services, undefined, created, { manager: 'kubectl-create', now });
    const scaled = structuredClone(created);
    scaled.spec.sessionAffinity = 'ClientIP';
    recordUpdate(services, created, scaled, { manager: 'kubectl', subresource: 'scale', now });
    const scale = scaled.metadata.managedFields?.find((entry) => entry.subresource === 'scale');
    expect(scale).toMatchObject({
      manager: 'kubectl',
      subresource: 'scale',
      fieldsV1: { 'f:spec': { 'f:sessionAffinity': {} } },
    });
    const reset = structuredClone(scaled);
    reset.metadata.managedFields = [{}];
    recordUpdate(services, scaled, reset, { manager: 'kubectl-edit', now });
    expect(reset.metadata.managedFields).toBeUndefined();
  });
});

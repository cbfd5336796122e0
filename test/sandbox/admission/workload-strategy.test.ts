import { describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { admissionFixture, rejection } from '../../support/admission.ts';

function deployment(name: string, spec: Json): Partial<KubeObject> {
  return { metadata: { name, namespace: 'default' }, spec };
}

const template = (labels: Record<string, string>) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'web', image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1' }] },
});

describe('Deployment and ReplicaSet admission', () => {
  it('defaults replicas, strategy, history and deadline, and the pod template', () => {
    const f = admissionFixture();
    const { object } = f.create(
      'apps/deployments',
      deployment('web', {
        selector: { matchLabels: { app: 'web' } },
        template: template({ app: 'web' }),
      }),
    );
    expect(object.spec).toMatchObject({
      replicas: 1,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    });
    expect(object.spec.template.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
    });
    // Pod-only defaults and admission do not touch templates.
    expect(object.spec.template.spec.enableServiceLinks).toBeUndefined();
    expect(object.spec.template.spec.tolerations).toBeUndefined();
    expect(object.status).toEqual({});
    const rs = f.create(
      'apps/replicasets',
      deployment('web-abc', {
        selector: { matchLabels: { app: 'web' } },
        template: template({ app: 'web' }),
      }),
    );
    expect(rs.object.spec.replicas).toBe(1);
  });

  it('refuses a selector that misses the template labels, in kube-apiserver words', () => {
    const f = admissionFixture();
    expect(
      rejection(() =>
        f.create(
          'apps/deployments',
          deployment('x', {
            selector: { matchLabels: { app: 'y' } },
            template: template({ app: 'x' }),
          }),
        ),
      ),
    ).toBe(
      'Deployment.apps "x" is invalid: spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`',
    );
    expect(
      rejection(() =>
        f.create('apps/deployments', deployment('x', { template: template({ app: 'x' }) })),
      ),
    ).toBe(
      'Deployment.apps "x" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: {"app":"x"}: `selector` does not match template `labels`]',
    );
    expect(
      rejection(() =>
        f.create(
          'apps/deployments',
          deployment('x', {
            replicas: -1,
            selector: { matchLabels: { app: 'x' } },
            template: template({ app: 'x' }),
          }),
        ),
      ),
    ).toBe(
      'Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });

  it('keeps the selector immutable and catches Recreate with leftover rollingUpdate', () => {
    const f = admissionFixture();
    const created = f.create(
      'apps/deployments',
      deployment('web', {
        selector: { matchLabels: { app: 'web' } },
        template: template({ app: 'web' }),
      }),
    ).object;
    const moved = structuredClone(created);
    moved.spec.selector = { matchLabels: { app: 'api' } };
    moved.spec.template.metadata.labels = { app: 'api' };
    expect(rejection(() => f.update('apps/deployments', moved))).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"api"}}: field is immutable',
    );
    const recreate = structuredClone(created);
    recreate.spec.strategy.type = 'Recreate';
    expect(rejection(() => f.update('apps/deployments', recreate))).toBe(
      'Deployment.apps "web" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is \'Recreate\'',
    );
  });
});

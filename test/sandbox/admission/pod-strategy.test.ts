import { describe, expect, it } from 'vitest';
import { imageTag } from '../../../source/sandbox/admission/pod-spec.ts';
import { qosClassOf } from '../../../source/sandbox/admission/pod-strategy.ts';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { admissionFixture, rejection } from '../../support/admission.ts';

function pod(name: string, spec: Json): Partial<KubeObject> {
  return { metadata: { name, namespace: 'default' }, spec };
}

describe('Pod defaults and admission', () => {
  it('fills the pod the way a kind cluster does', () => {
    const f = admissionFixture();
    const { object } = f.create(
      '/pods',
      pod('web', {
        containers: [
          {
            name: 'web',
            image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
            ports: [{ containerPort: 8080 }],
          },
        ],
      }),
    );
    const spec = object.spec;
    expect(spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
      serviceAccountName: 'default',
      serviceAccount: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
    });
    expect(spec.containers[0]).toMatchObject({
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
      ports: [{ containerPort: 8080, protocol: 'TCP' }],
    });
    const tokenVolume: string = spec.volumes[0].name;
    expect(tokenVolume).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(spec.containers[0].volumeMounts).toEqual([
      {
        name: tokenVolume,
        readOnly: true,
        mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
      },
    ]);
    expect(object.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('does not mount a token when automount is off', () => {
    const f = admissionFixture();
    const { object } = f.create(
      '/pods',
      pod('quiet', {
        automountServiceAccountToken: false,
        containers: [{ name: 'c', image: 'nginx' }],
      }),
    );
    expect(object.spec.volumes).toBeUndefined();
  });

  it('pulls :latest and untagged images always, tagged and digest-pinned ones if not present', () => {
    expect(imageTag('nginx')).toBe('latest');
    expect(imageTag('nginx:latest')).toBe('latest');
    expect(imageTag('localhost:5000/app')).toBe('latest');
    expect(imageTag('localhost:5000/app:1.2')).toBe('1.2');
    expect(imageTag('nginx@sha256:abc')).toBe('');
    const f = admissionFixture();
    const { object } = f.create(
      '/pods',
      pod('pull', {
        containers: [
          { name: 'a', image: 'nginx' },
          { name: 'b', image: 'nginx:1.27' },
        ],
      }),
    );
    expect(object.spec.containers.map((c: Json) => c.imagePullPolicy)).toEqual([
      'Always',
      'IfNotPresent',
    ]);
  });

  it('classifies quality of service from requests and limits', () => {
    expect(qosClassOf({ containers: [{ name: 'a' }] })).toBe('BestEffort');
    expect(qosClassOf({ containers: [{ resources: { requests: { cpu: '100m' } } }] })).toBe(
      'Burstable',
    );
    expect(
      qosClassOf({
        containers: [
          {
            resources: {
              limits: { cpu: '1', memory: '1Gi' },
              requests: { cpu: '1', memory: '1Gi' },
            },
          },
        ],
      }),
    ).toBe('Guaranteed');
  });
});

describe('Pod validation', () => {
  const f = admissionFixture();

  it('needs containers with names and images', () => {
    expect(rejection(() => f.create('/pods', pod('empty', {})))).toBe(
      'Pod "empty" is invalid: spec.containers: Required value',
    );
    expect(
      rejection(() => f.create('/pods', pod('noimage', { containers: [{ name: 'app' }] }))),
    ).toBe('Pod "noimage" is invalid: spec.containers[0].image: Required value');
    expect(
      rejection(() =>
        f.create(
          '/pods',
          pod('ports', {
            containers: [{ name: 'app', image: 'x', ports: [{ containerPort: 70000 }] }],
          }),
        ),
      ),
    ).toBe(
      'Pod "ports" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    );
    expect(
      rejection(() =>
        f.create(
          '/pods',
          pod('policy', { restartPolicy: 'Sometimes', containers: [{ name: 'app', image: 'x' }] }),
        ),
      ),
    ).toBe(
      'Pod "policy" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
  });

  it('lets an update change images but not ports', () => {
    const created = f.create(
      '/pods',
      pod('running', {
        containers: [{ name: 'app', image: 'x:1', ports: [{ containerPort: 80 }] }],
      }),
    ).object;
    const newImage = structuredClone(created);
    newImage.spec.containers[0].image = 'x:2';
    expect(f.update('/pods', newImage).object.spec.containers[0].image).toBe('x:2');
    const newPort = structuredClone(f.get('/pods', 'default', 'running')!);
    newPort.spec.containers[0].ports[0].containerPort = 81;
    expect(rejection(() => f.update('/pods', newPort))).toContain(
      'Pod "running" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`',
    );
  });

  it('is deleted gracefully: marked terminating, not removed', () => {
    const created = f.create(
      '/pods',
      pod('leaving', { containers: [{ name: 'app', image: 'x' }] }),
    ).object;
    const deleted = f.delete('/pods', 'default', 'leaving');
    expect(deleted.metadata.deletionTimestamp).toBeDefined();
    expect(f.get('/pods', 'default', 'leaving')?.metadata.uid).toBe(created.metadata.uid);
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import {
  imageIdOf,
  normalizedImage,
  pullPolicyOf,
} from '../../../source/sandbox/controllers/kubelet/container-image.ts';
import { goDuration } from '../../../source/sandbox/controllers/kubelet/image-puller.ts';
import { qosClassOf } from '../../../source/sandbox/controllers/kubelet/pod-qos.ts';
import { parseQuantity } from '../../../source/sandbox/controllers/scheduling/resource-quantity.ts';

const podWith = (...resources: object[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: resources.map((r, i) => ({ name: `c${i}`, resources: r })) },
});

describe('container images as containerd reports them', () => {
  it('normalises Docker Hub names and tags', () => {
    expect(normalizedImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizedImage('bitnami/nginx:1.27')).toBe('docker.io/bitnami/nginx:1.27');
    expect(normalizedImage('registry.k8s.io/e2e-test-images/agnhost:2.66.1')).toBe(
      'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
    );
    expect(normalizedImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });

  it('gives a stable sha256 image ID, or keeps a digest that was asked for', () => {
    const id = imageIdOf('registry.k8s.io/e2e-test-images/agnhost:2.66.1');
    expect(id).toMatch(/^registry\.k8s\.io\/e2e-test-images\/agnhost@sha256:[0-9a-f]{64}$/);
    expect(imageIdOf('registry.k8s.io/e2e-test-images/agnhost:2.66.1')).toBe(id);
    expect(imageIdOf(`nginx@sha256:${'a'.repeat(64)}`)).toBe(
      `docker.io/library/nginx@sha256:${'a'.repeat(64)}`,
    );
  });

  it('defaults the pull policy like the API server', () => {
    expect(pullPolicyOf({ image: 'nginx' })).toBe('Always');
    expect(pullPolicyOf({ image: 'nginx:latest' })).toBe('Always');
    expect(pullPolicyOf({ image: 'nginx:1.27' })).toBe('IfNotPresent');
    expect(pullPolicyOf({ image: 'nginx', imagePullPolicy: 'Never' })).toBe('Never');
  });
});

describe('pod QoS classes', () => {
  it('is BestEffort without requests or limits', () => {
    expect(qosClassOf(podWith({}))).toBe('BestEffort');
  });
  it('is Guaranteed when every container limits and requests the same CPU and memory', () => {
    expect(qosClassOf(podWith({ limits: { cpu: '100m', memory: '64Mi' } }))).toBe('Guaranteed');
    expect(
      qosClassOf(
        podWith({
          requests: { cpu: '100m', memory: '64Mi' },
          limits: { cpu: '100m', memory: '64Mi' },
        }),
      ),
    ).toBe('Guaranteed');
  });
  it('is Burstable otherwise', () => {
    expect(qosClassOf(podWith({ requests: { cpu: '100m' } }))).toBe('Burstable');
    expect(qosClassOf(podWith({ limits: { cpu: '1', memory: '1Gi' } }, {}))).toBe('Burstable');
  });
});

describe('small formats', () => {
  it('parses resource quantities', () => {
    expect(parseQuantity('250m')).toBeCloseTo(0.25);
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('24551368Ki')).toBe(24551368 * 1024);
    expect(parseQuantity('lots')).toBeUndefined();
  });
  it('formats durations like Go', () => {
    expect(goDuration(0)).toBe('0s');
    expect(goDuration(151)).toBe('151ms');
    expect(goDuration(1500)).toBe('1.5s');
    expect(goDuration(2000)).toBe('2s');
    expect(goDuration(63_500)).toBe('1m3.5s');
  });
});

import { describe, expect, it } from 'vitest';
import {
  computePodTemplateHash,
  fnv1a32,
  safeEncode,
} from '../../../source/sandbox/controllers/workloads/pod-template-hash.ts';

const template = {
  metadata: { labels: { app: 'echo' } },
  spec: {
    containers: [
      {
        name: 'echo',
        image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
        args: ['netexec', '--http-port=8080'],
      },
    ],
  },
};

describe('pod-template-hash', () => {
  it('is FNV-1a over the bytes', () => {
    expect(fnv1a32(new TextEncoder().encode(''))).toBe(0x811c9dc5);
    expect(fnv1a32(new TextEncoder().encode('a'))).toBe(0xe40c292c);
  });

  it('spells decimal digits in the Kubernetes alphabet, as SafeEncodeString does', () => {
    expect(safeEncode('0123456789')).toBe('456789bcdf');
  });

  it('gives a stable, name-safe hash of the template', () => {
    const hash = computePodTemplateHash(template);
    expect(hash).toMatch(/^[456789bcdf]{6,10}$/);
    expect(computePodTemplateHash(structuredClone(template))).toBe(hash);
  });

  it('ignores key order but not content', () => {
    const reordered = { spec: template.spec, metadata: template.metadata };
    expect(computePodTemplateHash(reordered)).toBe(computePodTemplateHash(template));
    const changed = structuredClone(template);
    changed.spec.containers[0]!.image = 'registry.k8s.io/e2e-test-images/agnhost:2.67';
    expect(computePodTemplateHash(changed)).not.toBe(computePodTemplateHash(template));
  });

  it('changes with the collision count', () => {
    expect(computePodTemplateHash(template, 1)).not.toBe(computePodTemplateHash(template));
    expect(computePodTemplateHash(template, 1)).not.toBe(computePodTemplateHash(template, 2));
  });
});

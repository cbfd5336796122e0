import { describe, expect, it } from 'vitest';
import { PodIpAllocator } from '../../../source/sandbox/controllers/kubelet/pod-ip-allocator.ts';

describe('PodIpAllocator', () => {
  it('starts at .2: never the network address or the gateway', () => {
    const pool = new PodIpAllocator('10.244.1.0/24');
    expect(pool.allocate()).toBe('10.244.1.2');
    expect(pool.allocate()).toBe('10.244.1.3');
  });

  it('hands out unique addresses and never the broadcast address', () => {
    const pool = new PodIpAllocator('10.244.2.0/24');
    const seen = new Set<string>();
    for (;;) {
      const ip = pool.allocate();
      if (!ip) break;
      expect(seen.has(ip)).toBe(false);
      seen.add(ip);
    }
    expect(seen.size).toBe(253);
    expect(seen.has('10.244.2.0')).toBe(false);
    expect(seen.has('10.244.2.1')).toBe(false);
    expect(seen.has('10.244.2.255')).toBe(false);
    expect(seen.has('10.244.2.254')).toBe(true);
  });

  it('moves on round-robin after a release, like host-local IPAM', () => {
    const pool = new PodIpAllocator('10.244.1.0/24');
    const first = pool.allocate()!;
    pool.allocate();
    pool.release(first);
    expect(pool.allocate()).toBe('10.244.1.4');
  });

  it('reuses a released address once the range comes round', () => {
    const pool = new PodIpAllocator('10.244.1.0/29');
    expect([
      pool.allocate(),
      pool.allocate(),
      pool.allocate(),
      pool.allocate(),
      pool.allocate(),
    ]).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4', '10.244.1.5', '10.244.1.6']);
    expect(pool.allocate()).toBeUndefined();
    pool.release('10.244.1.3');
    expect(pool.allocate()).toBe('10.244.1.3');
  });

  it('skips addresses reserved by pods that already have them', () => {
    const pool = new PodIpAllocator('10.244.1.0/24');
    expect(pool.reserve('10.244.1.2')).toBe(true);
    expect(pool.reserve('10.244.2.7')).toBe(false);
    expect(pool.allocate()).toBe('10.244.1.3');
  });
});

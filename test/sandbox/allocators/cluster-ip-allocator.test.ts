import { describe, expect, it } from 'vitest';
import {
  ClusterIPAllocator,
  staticBandSize,
} from '../../../source/sandbox/allocators/cluster-ip-allocator.ts';

describe('ClusterIPAllocator', () => {
  const first = () => 0;

  it('keeps the lowest 256 addresses of a /16 for requests, as kube-apiserver does', () => {
    expect(staticBandSize(65536, 16, 256, 16)).toBe(256);
    expect(staticBandSize(16, 16, 256, 16)).toBe(0);
    expect(staticBandSize(1024, 16, 256, 16)).toBe(64);
    const allocator = new ClusterIPAllocator('10.96.0.0/16', first);
    expect(allocator.next(new Set())).toBe('10.96.1.1');
  });

  it('picks a random free address from the upper band, skipping used ones', () => {
    const allocator = new ClusterIPAllocator('10.96.0.0/16', (bound) => bound - 1);
    expect(allocator.next(new Set())).toBe('10.96.255.254');
    // The last one taken: the scan wraps to the start of the band.
    expect(allocator.next(new Set(['10.96.255.254']))).toBe('10.96.1.1');
  });

  it('falls back to the static band when the dynamic one is full, then reports full', () => {
    const allocator = new ClusterIPAllocator('10.96.0.0/28', first);
    // A /28 has 14 usable addresses and no static band.
    const used = new Set<string>();
    for (let i = 1; i <= 14; i++) used.add(`10.96.0.${i}`);
    expect(allocator.next(used)).toBeUndefined();
    used.delete('10.96.0.3');
    expect(allocator.next(used)).toBe('10.96.0.3');
  });

  it('explains a request outside the range in the API server words', () => {
    const allocator = new ClusterIPAllocator('10.96.0.0/16');
    expect(allocator.problemWith('123.123.123.123', new Set())).toBe(
      'the provided IP (123.123.123.123) is not in the valid range. The range of valid IPs is 10.96.0.0/16',
    );
    // Network and broadcast addresses are never handed out.
    expect(allocator.problemWith('10.96.0.0', new Set())).toMatch(/not in the valid range/);
    expect(allocator.problemWith('10.96.255.255', new Set())).toMatch(/not in the valid range/);
  });

  it('honours a free requested address and refuses a taken one', () => {
    const allocator = new ClusterIPAllocator('10.96.0.0/16');
    expect(allocator.problemWith('10.96.0.10', new Set(['10.96.0.1']))).toBeUndefined();
    expect(allocator.problemWith('10.96.0.10', new Set(['10.96.0.10']))).toBe(
      'provided IP is already allocated',
    );
  });
});

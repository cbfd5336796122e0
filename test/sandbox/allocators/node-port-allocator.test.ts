import { describe, expect, it } from 'vitest';
import { NodePortAllocator } from '../../../source/sandbox/allocators/node-port-allocator.ts';

describe('NodePortAllocator', () => {
  it('hands out random ports above the static band 30000-30085 first', () => {
    const allocator = new NodePortAllocator(30000, 32767, () => 0);
    expect(allocator.next(new Set())).toBe(30086);
    const last = new NodePortAllocator(30000, 32767, (bound) => bound - 1);
    expect(last.next(new Set())).toBe(32767);
    expect(last.next(new Set([32767]))).toBe(30086);
  });

  it('uses the static band only when the dynamic band is full', () => {
    const allocator = new NodePortAllocator(30000, 32767, () => 0);
    const used = new Set<number>();
    for (let port = 30086; port <= 32767; port++) used.add(port);
    expect(allocator.next(used)).toBe(30000);
    for (let port = 30000; port < 30086; port++) used.add(port);
    expect(allocator.next(used)).toBeUndefined();
  });

  it('refuses ports out of range or taken, in the API server words', () => {
    const allocator = new NodePortAllocator(30000, 32767);
    expect(allocator.problemWith(80, new Set())).toBe(
      'provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    expect(allocator.problemWith(32768, new Set())).toMatch(/not in the valid range/);
    expect(allocator.problemWith(30080, new Set([30080]))).toBe(
      'provided port is already allocated',
    );
    expect(allocator.problemWith(30080, new Set([30081]))).toBeUndefined();
  });
});

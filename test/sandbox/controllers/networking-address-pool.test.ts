import { describe, expect, it } from 'vitest';
import { AddressPool } from '../../../source/sandbox/controllers/cloud-provider/address-pool.ts';

describe('AddressPool', () => {
  const range = { first: '172.18.0.254', last: '172.18.1.1' };

  it('hands out addresses lowest first, across octet boundaries, one per owner', () => {
    const pool = new AddressPool(range);
    expect(pool.allocate('default/a')).toBe('172.18.0.254');
    expect(pool.allocate('default/b')).toBe('172.18.0.255');
    expect(pool.allocate('default/c')).toBe('172.18.1.0');
    expect(pool.allocate('default/a')).toBe('172.18.0.254');
    expect(pool.addressOf('default/b')).toBe('172.18.0.255');
  });

  it('reuses a released address and runs out when the range is used up', () => {
    const pool = new AddressPool(range);
    for (const owner of ['a', 'b', 'c', 'd']) pool.allocate(owner);
    expect(pool.allocate('e')).toBeUndefined();
    pool.release('b');
    expect(pool.addressOf('b')).toBeUndefined();
    expect(pool.allocate('e')).toBe('172.18.0.255');
  });

  it('honours a preferred address only when it is in range and free', () => {
    const pool = new AddressPool(range);
    expect(pool.allocate('a', '172.18.1.1')).toBe('172.18.1.1');
    expect(pool.allocate('b', '172.18.1.1')).toBe('172.18.0.254');
    expect(pool.allocate('c', '10.0.0.1')).toBe('172.18.0.255');
    expect(pool.allocate('d', 'not-an-ip')).toBe('172.18.1.0');
    expect(pool.contains('172.18.1.0')).toBe(true);
    expect(pool.contains('172.18.1.2')).toBe(false);
  });
});

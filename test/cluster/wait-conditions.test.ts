import { describe, expect, it } from 'vitest';
import {
  addressReading,
  describeCondition,
  endpointsReadyReading,
  podsReadyReading,
} from '../../source/cluster/wait-conditions.ts';

const pod = (name: string, ready: boolean, terminating = false) => ({
  metadata: { name, ...(terminating ? { deletionTimestamp: '2026-11-26T12:00:00Z' } : {}) },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});
const endpoint = (address: string, ready?: boolean) => ({
  addresses: [address],
  conditions: ready === undefined ? {} : { ready },
});

describe('wait conditions', () => {
  it('counts ready pods exactly, leaving terminating ones out', () => {
    const pods = [pod('b', true), pod('a', true), pod('c', false), pod('d', true, true)];
    expect(podsReadyReading(pods, 2)).toEqual({ met: true, detail: '2/4 pods ready: a, b' });
    expect(podsReadyReading(pods, 3).met).toBe(false);
  });

  it('counts ready endpoints over every slice, an unset ready counting as ready', () => {
    const slices = [
      { endpoints: [endpoint('10.244.1.2', true), endpoint('10.244.1.3')] },
      { endpoints: [endpoint('10.244.2.2', false), endpoint('10.244.1.2', true)] },
    ];
    expect(endpointsReadyReading(slices, 2)).toEqual({
      met: true,
      detail: '2 ready endpoints: 10.244.1.2, 10.244.1.3; 1 not ready: 10.244.2.2',
    });
    expect(endpointsReadyReading(slices, 2, 1).met).toBe(true);
    expect(endpointsReadyReading(slices, 2, 0).met).toBe(false);
    expect(endpointsReadyReading([], 0)).toEqual({ met: false, detail: 'no EndpointSlice yet' });
    expect(endpointsReadyReading([{ endpoints: null }], 0)).toEqual({
      met: true,
      detail: '0 ready endpoints',
    });
  });

  it('reads load-balancer and ingress addresses', () => {
    expect(
      addressReading({ status: { loadBalancer: { ingress: [{ ip: '172.18.0.100' }] } } }, 'x'),
    ).toEqual({
      met: true,
      detail: '172.18.0.100',
      value: '172.18.0.100',
    });
    // The first address is the one a wait saves: an IP, or else a host name.
    expect(
      addressReading(
        { status: { loadBalancer: { ingress: [{ hostname: 'lb.example' }, { ip: '10.0.0.1' }] } } },
        'x',
      ),
    ).toMatchObject({ met: true, detail: 'lb.example, 10.0.0.1', value: 'lb.example' });
    expect(addressReading({ status: { loadBalancer: {} } }, 'service/echo')).toEqual({
      met: false,
      detail: 'service/echo has no address yet',
    });
  });

  it('describes conditions in words', () => {
    expect(
      describeCondition({
        type: 'endpointsReady',
        namespace: 'n',
        service: 'echo',
        count: 3,
        notReady: 1,
      }),
    ).toBe('3 ready endpoints and 1 not ready behind service/echo');
    expect(
      describeCondition({ type: 'podsReady', namespace: 'n', selector: 'app=web', count: 1 }),
    ).toBe('1 ready pod with app=web');
  });
});

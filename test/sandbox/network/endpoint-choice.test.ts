import { describe, expect, it } from 'vitest';
import {
  chooseEndpoint,
  chooseWithAffinity,
  type ServiceEndpoint,
  usableEndpoints,
} from '../../../source/sandbox/network/endpoint-choice.ts';
import { seeded } from '../../support/seeded-random.ts';

function endpoint(ip: string, overrides: Partial<ServiceEndpoint> = {}): ServiceEndpoint {
  return {
    ip,
    port: 8080,
    nodeName: 'expose-tutor-worker',
    ready: true,
    serving: true,
    terminating: false,
    ...overrides,
  };
}

describe('usableEndpoints (kube-proxy CategorizeEndpoints)', () => {
  const onWorker = endpoint('10.244.1.2');
  const onWorker2 = endpoint('10.244.2.2', { nodeName: 'expose-tutor-worker2' });
  const unready = endpoint('10.244.1.3', { ready: false, serving: false });
  const draining = endpoint('10.244.1.4', { ready: false, serving: true, terminating: true });
  const dead = endpoint('10.244.2.5', {
    nodeName: 'expose-tutor-worker2',
    ready: false,
    serving: false,
    terminating: true,
  });

  it.each([
    [
      'ready endpoints only, when there are any',
      [onWorker, unready, draining, onWorker2],
      undefined,
      [onWorker, onWorker2],
    ],
    [
      'terminating but serving ones when none is ready',
      [unready, draining, dead],
      undefined,
      [draining],
    ],
    ['nothing when nothing serves', [unready, dead], undefined, []],
    [
      'a node’s own ready endpoints for a Local policy',
      [onWorker, onWorker2],
      'expose-tutor-worker2',
      [onWorker2],
    ],
    [
      'nothing for a node without endpoints',
      [onWorker, draining],
      'expose-tutor-control-plane',
      [],
    ],
    [
      'a node’s serving terminating ones when it has no ready one',
      [draining, onWorker2],
      'expose-tutor-worker',
      [draining],
    ],
  ])('%s', (_what, all, node, expected) => {
    expect(usableEndpoints(all, node)).toEqual(expected);
  });
});

describe('chooseEndpoint (the iptables probability chain)', () => {
  it('gives each of three endpoints about a third of 30,000 connections', () => {
    const random = seeded(42);
    const counts = new Map<string, number>();
    const candidates = ['a', 'b', 'c'];
    for (let i = 0; i < 30_000; i++) {
      const chosen = chooseEndpoint(candidates, random);
      counts.set(chosen, (counts.get(chosen) ?? 0) + 1);
    }
    for (const name of candidates) {
      expect(counts.get(name)).toBeGreaterThan(9_500);
      expect(counts.get(name)).toBeLessThan(10_500);
    }
  });

  it('walks the chain: rule i of n matches with probability 1/(n−i)', () => {
    // The first rule matches below 1/3; then the second below 1/2; the last always matches.
    const draws = (values: number[]) => {
      const queue = [...values];
      return () => queue.shift() ?? 0;
    };
    expect(chooseEndpoint(['a', 'b', 'c'], draws([0.3]))).toBe('a');
    expect(chooseEndpoint(['a', 'b', 'c'], draws([0.34, 0.49]))).toBe('b');
    expect(chooseEndpoint(['a', 'b', 'c'], draws([0.34, 0.5]))).toBe('c');
    expect(chooseEndpoint(['only'], draws([]))).toBe('only');
    expect(() => chooseEndpoint([], Math.random)).toThrow('no candidates');
  });
});

describe('chooseWithAffinity (sessionAffinity: ClientIP)', () => {
  const a = endpoint('10.244.1.2');
  const b = endpoint('10.244.2.2');
  const random = seeded(7);

  it('keeps a client on its endpoint while it is a candidate and the timeout has not passed', () => {
    const first = chooseWithAffinity([a, b], undefined, 1_000, 10_800, random);
    let entry = first.entry;
    for (let i = 1; i <= 50; i++) {
      const next = chooseWithAffinity([a, b], entry, 1_000 + i * 60_000, 10_800, random);
      expect(next.endpoint).toBe(first.endpoint);
      entry = next.entry;
    }
    // Each connection refreshes the entry, as the recent match's --set does.
    expect(entry.lastUsed).toBe(1_000 + 50 * 60_000);
  });

  it('chooses afresh once the timeout has passed or the endpoint is gone', () => {
    const remembered = { ip: a.ip, port: a.port, lastUsed: 0 };
    const gone = chooseWithAffinity([b], remembered, 1_000, 10_800, random);
    expect(gone.endpoint).toBe(b);
    const expiredChoices = new Set<string>();
    for (let i = 0; i < 40; i++) {
      expiredChoices.add(chooseWithAffinity([a, b], remembered, 10_000, 10, random).endpoint.ip);
    }
    expect(expiredChoices).toEqual(new Set([a.ip, b.ip]));
  });
});

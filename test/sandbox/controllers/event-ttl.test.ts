import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKindStrategies } from '../../../source/sandbox/admission/strategies.ts';
import { ResourceOps } from '../../../source/sandbox/api/resource-ops.ts';
import { seedCluster } from '../../../source/sandbox/cluster/seed.ts';
import type { ControllerContext } from '../../../source/sandbox/controllers/controller.ts';
import { eventTtl } from '../../../source/sandbox/controllers/event-ttl.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { ObjectStore } from '../../../source/sandbox/store/object-store.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('the event TTL', () => {
  it('removes Events an hour after they were last seen', () => {
    vi.useFakeTimers({ now: new Date('2026-06-01T12:00:00Z') });
    const ops = new ResourceOps(new ObjectStore(), createKindStrategies());
    seedCluster(ops);
    const event = (name: string, lastTimestamp: string) =>
      ops.create(resourceById('/events'), {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: 'default' },
        involvedObject: { kind: 'Pod', namespace: 'default', name: 'echo' },
        reason: 'Started',
        message: 'Container started',
        type: 'Normal',
        source: { component: 'kubelet' },
        firstTimestamp: lastTimestamp,
        lastTimestamp,
        count: 1,
      });
    event('echo.old', '2026-06-01T10:30:00Z');
    event('echo.recent', '2026-06-01T11:30:00Z');
    const ctx: ControllerContext = {
      ops,
      store: ops.store,
      options: { pace: 1, loadBalancer: true },
      after: () => {},
    };
    const stop = eventTtl.start(ctx);
    vi.advanceTimersByTime(60_000);
    expect(ops.store.scan('/events', 'default').map((e) => e.metadata.name)).toEqual([
      'echo.recent',
    ]);
    vi.advanceTimersByTime(30 * 60_000);
    expect(ops.store.scan('/events', 'default')).toEqual([]);
    stop();
  });
});

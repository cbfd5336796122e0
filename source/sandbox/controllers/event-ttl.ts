import { resourceById } from '../resources/catalog.ts';
import type { Controller } from './controller.ts';
import { UserTimers } from './user-timers.ts';

/** kube-apiserver's default `--event-ttl`: an Event disappears an hour after its last update. */
export const eventTtlMs = 60 * 60 * 1000;
const sweepEveryMs = 60 * 1000;

/**
 * Expires Events an hour after they were last seen, as the API server's event TTL does, so a
 * long-running sandbox's `kubectl get events` looks like a real cluster's and memory stays flat.
 */
export const eventTtl: Controller = {
  name: 'event-ttl',
  start(ctx) {
    const def = resourceById('/events');
    const timers = new UserTimers();
    const sweep = () => {
      const cutoff = Date.now() - eventTtlMs;
      for (const event of ctx.store.scan(def.id)) {
        const last =
          event.series?.lastObservedTime ??
          event.lastTimestamp ??
          event.eventTime ??
          event.metadata.creationTimestamp;
        if (Date.parse(last) < cutoff) ctx.ops.finalize(def, event);
      }
      timers.set(sweepEveryMs, sweep);
    };
    timers.set(sweepEveryMs, sweep);
    return () => timers.clear();
  },
};

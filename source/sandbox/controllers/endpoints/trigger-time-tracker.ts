import { podCondition } from '../pod-state.ts';
import type { Pod, Service } from './service-backend.ts';

export const lastChangeTriggerTimeAnnotation = 'endpoints.kubernetes.io/last-change-trigger-time';

/**
 * Computes `endpoints.kubernetes.io/last-change-trigger-time` the way the endpoint controllers
 * do: the earliest change (a pod's Ready transition, or the Service's creation) that the
 * controller has not written out yet. Undefined when nothing new happened since the last sync.
 */
export class TriggerTimeTracker {
  private readonly states = new Map<
    string,
    { serviceTime: number; podTimes: Map<string, number> }
  >();

  compute(service: Service, pods: readonly Pod[]): string | undefined {
    const key = `${service.metadata.namespace}/${service.metadata.name}`;
    const previous = this.states.get(key);
    const podTimes = new Map<string, number>();
    let earliest: number | undefined;
    const consider = (time: number) => {
      earliest = earliest === undefined ? time : Math.min(earliest, time);
    };
    for (const pod of pods) {
      const time = parseTime(podCondition(pod, 'Ready')?.lastTransitionTime);
      if (time === undefined) continue;
      podTimes.set(pod.metadata.name!, time);
      if (time > (previous?.podTimes.get(pod.metadata.name!) ?? Number.NEGATIVE_INFINITY)) {
        consider(time);
      }
    }
    const serviceTime = parseTime(service.metadata.creationTimestamp) ?? 0;
    if (serviceTime > (previous?.serviceTime ?? Number.NEGATIVE_INFINITY)) consider(serviceTime);
    this.states.set(key, { serviceTime, podTimes });
    return earliest === undefined ? undefined : formatTime(earliest);
  }

  forget(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}

/** Annotations with the trigger time set, or taken out when there is none; undefined if empty. */
export function withTriggerTime(
  annotations: Readonly<Record<string, string>> | undefined,
  triggerTime: string | undefined,
): Record<string, string> | undefined {
  const next = { ...(annotations ?? {}) };
  if (triggerTime) next[lastChangeTriggerTimeAnnotation] = triggerTime;
  else delete next[lastChangeTriggerTimeAnnotation];
  return Object.keys(next).length > 0 ? next : undefined;
}

function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** RFC 3339 in UTC, without a fraction when there is none, as Go's RFC3339Nano prints it. */
function formatTime(time: number): string {
  return new Date(time).toISOString().replace(/\.?0+Z$/, 'Z');
}

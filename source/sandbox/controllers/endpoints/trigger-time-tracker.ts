import { type Pod, podReadyCondition, type Service } from './service-backend.ts';

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
      const time = parseTime(podReadyCondition(pod)?.lastTransitionTime);
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

function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** RFC 3339 in UTC, without a fraction when there is none, as Go's RFC3339Nano prints it. */
function formatTime(time: number): string {
  return new Date(time).toISOString().replace(/\.?0+Z$/, 'Z');
}

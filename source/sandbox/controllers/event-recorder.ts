import type { Json, KubeObject } from '../api/kube-object.ts';
import type { ResourceOps } from '../api/resource-ops.ts';
import { resourceById } from '../resources/catalog.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { fieldManagers } from './field-managers.ts';

export type EventType = 'Normal' | 'Warning';

/** Who writes the events, as `kubectl describe` shows it in its FROM column. */
export interface EventSource {
  /** `kubelet`, `deployment-controller`, `replicaset-controller`, `default-scheduler`, … */
  component: string;
  /** The node, for the kubelet; empty for controllers in kube-controller-manager. */
  host?: string;
  /**
   * `core` is client-go's legacy recorder (source, count, first/lastTimestamp), used by the
   * kubelet and kube-controller-manager. `events` is the events.k8s.io/v1 recorder the
   * scheduler uses: empty source, null timestamps, eventTime, action and a series on repeats.
   */
  api?: 'core' | 'events';
  /** reportingInstance for `events` writers, e.g. `default-scheduler-<node>`. */
  instance?: string;
  /** The field manager of the writes; by default the program the component runs in. */
  fieldManager?: string;
}

export interface EventOptions {
  /** Which part of the object, e.g. `spec.containers{echo}` for container events. */
  fieldPath?: string;
  /** events.k8s.io `action` (`Binding`, `Scheduling`); ignored by `core` writers. */
  action?: string;
}

export interface EventRecorder {
  event(
    object: Readonly<KubeObject>,
    type: EventType,
    reason: string,
    message: string,
    options?: EventOptions,
  ): void;
  normal(
    object: Readonly<KubeObject>,
    reason: string,
    message: string,
    options?: EventOptions,
  ): void;
  warning(
    object: Readonly<KubeObject>,
    reason: string,
    message: string,
    options?: EventOptions,
  ): void;
}

const eventsId = '/events';

/** Repeats of one event (same source, object, type, reason, message) → the stored event's key. */
const seenByStore = new WeakMap<ObjectStore, Map<string, { namespace: string; name: string }>>();

/**
 * Writes core/v1 Events the way the real components do, including the aggregation of
 * repeats into one Event with a growing count. Recording is best effort, as in client-go:
 * an event that cannot be written (its namespace is terminating) is dropped.
 */
export function createEventRecorder(ops: ResourceOps, source: EventSource): EventRecorder {
  const def = resourceById(eventsId);
  let seen = seenByStore.get(ops.store);
  if (!seen) {
    seen = new Map();
    seenByStore.set(ops.store, seen);
  }
  const repeats = seen;
  const api = source.api ?? 'core';
  const write = { fieldManager: source.fieldManager ?? programOf(source.component) };

  const event: EventRecorder['event'] = (object, type, reason, message, options = {}) => {
    const involvedObject = referenceTo(object, options.fieldPath);
    const namespace = object.metadata.namespace || 'default';
    const key = JSON.stringify([
      source.component,
      source.host ?? '',
      involvedObject.kind,
      namespace,
      involvedObject.name,
      involvedObject.uid,
      involvedObject.fieldPath ?? '',
      type,
      reason,
      message,
    ]);
    try {
      const previous = repeats.get(key);
      const stored = previous && ops.store.get(eventsId, previous.namespace, previous.name);
      if (stored) {
        ops.update(def, repeated(stored, api, ops.store.now(), microTime()), write);
        return;
      }
      const name = `${involvedObject.name}.${uniqueNanoHex()}`;
      const created = ops.create(
        def,
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace },
          involvedObject,
          reason,
          message,
          type,
          ...(api === 'core'
            ? coreFields(source, ops.store.now())
            : eventsApiFields(source, options.action)),
        },
        write,
      );
      repeats.set(key, { namespace, name: created.object.metadata.name! });
    } catch {
      // Events are best effort: a terminating namespace refuses them, as it does for real.
    }
  };
  return {
    event,
    normal: (object, reason, message, options) => event(object, 'Normal', reason, message, options),
    warning: (object, reason, message, options) =>
      event(object, 'Warning', reason, message, options),
  };
}

export function referenceTo(object: Readonly<KubeObject>, fieldPath?: string): Json {
  return {
    kind: object.kind,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name,
    uid: object.metadata.uid,
    apiVersion: object.apiVersion,
    resourceVersion: object.metadata.resourceVersion,
    ...(fieldPath ? { fieldPath } : {}),
  };
}

function programOf(component: string): string {
  if (component === 'kubelet') return fieldManagers.kubelet;
  if (component === 'default-scheduler') return fieldManagers.scheduler;
  return fieldManagers.controllerManager;
}

function coreFields(source: EventSource, now: string): Record<string, unknown> {
  return {
    source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    eventTime: null,
    reportingComponent: source.component,
    reportingInstance: source.host ?? '',
  };
}

function eventsApiFields(source: EventSource, action: string | undefined): Record<string, unknown> {
  return {
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    eventTime: microTime(),
    ...(action ? { action } : {}),
    reportingComponent: source.component,
    reportingInstance: source.instance ?? source.component,
  };
}

/** The stored event, seen once more: a count for legacy events, a series for events.k8s.io. */
function repeated(
  stored: KubeObject,
  api: 'core' | 'events',
  now: string,
  micro: string,
): KubeObject {
  if (api === 'core') return { ...stored, count: (stored.count ?? 1) + 1, lastTimestamp: now };
  return {
    ...stored,
    series: { count: (stored.series?.count ?? 1) + 1, lastObservedTime: micro },
  };
}

/** metav1.MicroTime: RFC 3339 with microseconds. */
function microTime(): string {
  const now = new Date();
  const micros = String(Math.floor((performance.now() % 1) * 1000)).padStart(3, '0');
  return now.toISOString().replace(/\.(\d{3})Z$/, `.$1${micros}Z`);
}

let lastNano = 0n;

/** Event names end in the hex of the Unix time in nanoseconds; kept unique within a process. */
function uniqueNanoHex(): string {
  let nano = BigInt(Date.now()) * 1_000_000n + BigInt(Math.floor((performance.now() % 1) * 1e6));
  if (nano <= lastNano) nano = lastNano + 1n;
  lastNano = nano;
  return nano.toString(16);
}

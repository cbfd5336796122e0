import { clone, type Json, type KubeObject } from '../../api/kube-object.ts';
import { labelSelectorMatches } from '../../api/selectors.ts';
import { ApiError } from '../../api/status.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { Controller } from '../controller.ts';
import { createEventRecorder } from '../event-recorder.ts';
import { byControllerManager } from '../field-managers.ts';
import { controllerReferenceTo, controllerRefOf } from '../owner-references.ts';
import {
  isPodActive,
  isPodAvailable,
  isPodReady,
  isPodTerminating,
  msUntilAvailable,
} from '../pod-state.ts';
import { keyOf, retryingQueue, splitKey } from '../retrying-queue.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import { UserTimers } from '../user-timers.ts';
import { claimOwnedObjects } from './claim-owned-objects.ts';
import { podsToDelete } from './pod-victims.ts';

const podsId = '/pods';
const replicaSetsId = 'apps/replicasets';
/** The most pods one sync creates or deletes, as the real controller's burstReplicas. */
const burstReplicas = 500;

/**
 * The ReplicaSet controller: keeps `spec.replicas` pods matching the template, adopting
 * orphans that match the selector and releasing pods that stop matching, and reports
 * replicas, fully labeled, ready and available counts in the status.
 */
export const replicaSetController: Controller = {
  name: 'replicaset-controller',
  start(ctx) {
    const { store, ops } = ctx;
    const podsDef = resourceById(podsId);
    const replicaSetsDef = resourceById(replicaSetsId);
    const recorder = createEventRecorder(ops, { component: 'replicaset-controller' });
    const timers = new UserTimers();
    const availabilityChecks = new Map<string, () => void>();

    const queue = retryingQueue(ctx, (key) => {
      const { namespace, name } = splitKey(key);
      const rs = store.peek(replicaSetsId, namespace, name);
      if (!rs) return;
      const owned = claimPods(rs);
      let failure: { reason: string; message: string } | undefined;
      if (!rs.metadata.deletionTimestamp) failure = manageReplicas(rs, owned.filter(isPodActive));
      updateStatus(key, rs, failure);
      // Try again later, with backoff, as the real controller requeues after an error.
      if (failure) throw new Error(failure.message);
    });

    /** Pods this ReplicaSet controls after adopting matching orphans and releasing strays. */
    function claimPods(rs: Readonly<KubeObject>): Readonly<KubeObject>[] {
      const candidates = store.scan(podsId, rs.metadata.namespace);
      return claimOwnedObjects(ops, podsDef, rs, candidates, isPodActive);
    }

    /** Creates or deletes pods to reach `spec.replicas`; returns what went wrong, if anything. */
    function manageReplicas(
      rs: Readonly<KubeObject>,
      active: Readonly<KubeObject>[],
    ): { reason: string; message: string } | undefined {
      const wanted = rs.spec?.replicas ?? 1;
      const diff = active.length - wanted;
      if (diff < 0) {
        for (let i = 0; i < Math.min(-diff, burstReplicas); i++) {
          try {
            const pod = ops.create(podsDef, podFromTemplate(rs), byControllerManager).object;
            recorder.normal(rs, 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
          } catch (error) {
            const message = (error as Error).message;
            recorder.warning(rs, 'FailedCreate', `Error creating: ${message}`);
            return { reason: 'FailedCreate', message };
          }
        }
      } else if (diff > 0) {
        const victims = podsToDelete(active, Math.min(diff, burstReplicas), relatedPods(rs));
        for (const pod of victims) {
          try {
            ops.delete(podsDef, pod.metadata.namespace, pod.metadata.name!, {
              preconditions: { uid: pod.metadata.uid! },
            });
            recorder.normal(rs, 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
          } catch (error) {
            if (error instanceof ApiError && error.code === 404) continue;
            const message = (error as Error).message;
            recorder.warning(rs, 'FailedDelete', `Error deleting: ${message}`);
            return { reason: 'FailedDelete', message };
          }
        }
      }
      return undefined;
    }

    /** Active pods of every ReplicaSet with the same owner: doubled-up nodes lose pods first. */
    function relatedPods(rs: Readonly<KubeObject>): Readonly<KubeObject>[] {
      const owner = controllerRefOf(rs)?.uid;
      const siblings = owner
        ? store
            .scan(replicaSetsId, rs.metadata.namespace)
            .filter((other) => controllerRefOf(other)?.uid === owner)
            .map((other) => other.metadata.uid)
        : [rs.metadata.uid];
      return store
        .scan(podsId, rs.metadata.namespace)
        .filter((pod) => siblings.includes(controllerRefOf(pod)?.uid) && isPodActive(pod));
    }

    function updateStatus(
      key: string,
      rs: Readonly<KubeObject>,
      failure: { reason: string; message: string } | undefined,
    ): void {
      const current = store.peek(replicaSetsId, rs.metadata.namespace, rs.metadata.name!);
      if (!current) return;
      const owned = store
        .scan(podsId, rs.metadata.namespace)
        .filter((pod) => controllerRefOf(pod)?.uid === current.metadata.uid);
      const status = replicaSetStatus(current, owned, failure, store.now(), new Date());
      if (!semanticallyEqual(status, current.status)) {
        ops.update(replicaSetsDef, { ...current, status } as KubeObject, {
          subresource: 'status',
          ...byControllerManager,
        });
      }
      scheduleAvailabilityCheck(key, current, owned);
    }

    /** With minReadySeconds, a ready pod becomes available later: look again then. */
    function scheduleAvailabilityCheck(
      key: string,
      rs: Readonly<KubeObject>,
      owned: Readonly<KubeObject>[],
    ): void {
      availabilityChecks.get(key)?.();
      availabilityChecks.delete(key);
      const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
      const now = new Date();
      const waits = owned
        .filter(isPodActive)
        .map((pod) => msUntilAvailable(pod, minReadySeconds, now))
        .filter((ms): ms is number => ms !== undefined);
      if (waits.length === 0) return;
      availabilityChecks.set(
        key,
        timers.set(Math.min(...waits) + 10, () => {
          availabilityChecks.delete(key);
          queue.add(key);
        }),
      );
    }

    const unsubscribe = store.subscribe((event) => {
      if (event.resource === replicaSetsId) {
        if (event.type !== 'DELETED') queue.add(keyOf(event.object));
        return;
      }
      if (event.resource !== podsId) return;
      const pod = event.object;
      const ref = controllerRefOf(pod);
      if (ref) {
        if (ref.kind === 'ReplicaSet') queue.add(`${pod.metadata.namespace}/${ref.name}`);
        return;
      }
      if (event.type === 'DELETED') return;
      for (const rs of store.scan(replicaSetsId, pod.metadata.namespace)) {
        if (labelSelectorMatches(rs.spec?.selector, pod.metadata.labels)) queue.add(keyOf(rs));
      }
    });
    for (const rs of store.scan(replicaSetsId)) queue.add(keyOf(rs));

    return () => {
      unsubscribe();
      queue.stop();
      timers.clear();
    };
  },
};

/** A new pod from the ReplicaSet's template, named `<rs>-<5 chars>` by the API server. */
export function podFromTemplate(rs: Readonly<KubeObject>): KubeObject {
  const template: Json = clone(rs.spec?.template ?? {});
  const meta: Json = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      ...(meta.labels ? { labels: meta.labels } : {}),
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.finalizers ? { finalizers: meta.finalizers } : {}),
      ownerReferences: [controllerReferenceTo(rs)],
    },
    spec: template.spec ?? {},
  };
}

/**
 * The ReplicaSet's status from the pods it owns, with the real field order and with zero
 * counts left out as Go's `omitempty` does (`replicas` is always there).
 */
export function replicaSetStatus(
  rs: Readonly<KubeObject>,
  owned: readonly Readonly<KubeObject>[],
  failure: { reason: string; message: string } | undefined,
  nowText: string,
  now: Date,
): Json {
  const active = owned.filter(isPodActive);
  const templateLabels: Record<string, string> = rs.spec?.template?.metadata?.labels ?? {};
  const fullyLabeled = active.filter((pod) =>
    Object.entries(templateLabels).every(([k, v]) => pod.metadata.labels?.[k] === v),
  ).length;
  const ready = active.filter(isPodReady).length;
  const available = active.filter((pod) =>
    isPodAvailable(pod, rs.spec?.minReadySeconds ?? 0, now),
  ).length;
  const terminating = owned.filter(isPodTerminating).length;
  const previous: Json[] = rs.status?.conditions ?? [];
  let conditions = previous.filter((c) => c.type !== 'ReplicaFailure');
  const failed = previous.find((c) => c.type === 'ReplicaFailure');
  if (failure) {
    conditions = [
      ...conditions,
      failed ?? {
        type: 'ReplicaFailure',
        status: 'True',
        lastTransitionTime: nowText,
        reason: failure.reason,
        message: failure.message,
      },
    ];
  }
  return {
    replicas: active.length,
    ...(fullyLabeled ? { fullyLabeledReplicas: fullyLabeled } : {}),
    ...(ready ? { readyReplicas: ready } : {}),
    ...(available ? { availableReplicas: available } : {}),
    terminatingReplicas: terminating,
    ...(rs.metadata.generation ? { observedGeneration: rs.metadata.generation } : {}),
    ...(conditions.length ? { conditions } : {}),
  };
}

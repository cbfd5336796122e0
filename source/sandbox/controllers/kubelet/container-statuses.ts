import type { Json } from '../../api/kube-object.ts';
import { normalizedImage } from './container-image.ts';
import type { StartedContainer } from './pod-run.ts';

/**
 * The entries of a pod's `containerStatuses` and `initContainerStatuses`, as the kubelet
 * reports a container in each state. A container not started yet is waiting.
 */

export function waitingStatus(container: Json, reason: string): Json {
  return {
    image: normalizedImage(String(container.image ?? '')),
    imageID: '',
    lastState: {},
    name: container.name,
    ready: false,
    restartCount: 0,
    started: false,
    state: { waiting: { reason } },
  };
}

export function runningStatus(
  container: Json,
  started: StartedContainer | undefined,
  ready: boolean,
): Json {
  if (!started) return waitingStatus(container, 'ContainerCreating');
  return {
    ...startedStatus(container, started),
    ready,
    started: true,
    state: { running: { startedAt: started.startedAt } },
  };
}

/** An init container: run to completion, or running on as a sidecar (`restartPolicy: Always`). */
export function initContainerStatus(container: Json, started: StartedContainer | undefined): Json {
  if (!started) return waitingStatus(container, 'PodInitializing');
  if (container.restartPolicy === 'Always') return runningStatus(container, started, true);
  return {
    ...startedStatus(container, started),
    ready: true,
    started: false,
    state: {
      terminated: {
        containerID: started.id,
        exitCode: 0,
        finishedAt: started.finishedAt ?? started.startedAt,
        reason: 'Completed',
        startedAt: started.startedAt,
      },
    },
  };
}

/** A container stopped with its pod. */
export function terminatedStatus(
  container: Json,
  started: StartedContainer | undefined,
  now: string,
): Json {
  if (!started) return waitingStatus(container, 'ContainerCreating');
  return {
    ...startedStatus(container, started),
    ready: false,
    started: false,
    state: {
      terminated: {
        containerID: started.id,
        // Killed by SIGTERM, as a server without a signal handler is.
        exitCode: 143,
        finishedAt: started.finishedAt ?? now,
        reason: 'Error',
        startedAt: started.startedAt,
      },
    },
  };
}

function startedStatus(container: Json, started: StartedContainer): Record<string, unknown> {
  return {
    containerID: started.id,
    image: normalizedImage(String(container.image ?? '')),
    imageID: started.imageID,
    lastState: {},
    name: container.name,
    restartCount: 0,
    ...(container.volumeMounts
      ? {
          volumeMounts: (container.volumeMounts as Json[]).map((m) => ({
            mountPath: m.mountPath,
            name: m.name,
            ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
          })),
        }
      : {}),
  };
}

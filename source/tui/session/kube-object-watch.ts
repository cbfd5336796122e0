import { type KubeConfig, Watch } from '@kubernetes/client-node';
import { abortableSleep } from '../../cluster/abortable-sleep.ts';
import { KubeRequests } from '../../cluster/kube-requests.ts';
import type { KubeObject } from '../../sandbox/api/kube-object.ts';
import type { ObjectEvent } from '../state/object-cache.ts';
import { type WatchedKind, watchedKinds } from '../state/watched-kinds.ts';
import type { ObjectSource } from './object-source.ts';

/** `/api/v1/namespaces/demo/pods`, `/apis/apps/v1/namespaces/demo/deployments`, `/api/v1/nodes`. */
export function collectionPath(kind: WatchedKind, namespace: string): string {
  const base = kind.apiVersion.includes('/')
    ? `/apis/${kind.apiVersion}`
    : `/api/${kind.apiVersion}`;
  return kind.namespaced
    ? `${base}/namespaces/${namespace}/${kind.plural}`
    : `${base}/${kind.plural}`;
}

function statusCodeOf(error: unknown): number | undefined {
  const value = error as { code?: unknown; statusCode?: unknown } | undefined;
  const code = value?.code ?? value?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Lists, then watches from the list's resourceVersion, each watched kind of one namespace (and
 * the nodes), the way an informer does: when a watch ends or its version expires, it lists
 * again. A kind the server does not serve (no Gateway API on the cluster) is tried again now
 * and then rather than given up.
 */
export function kubeObjectSource(
  kubeConfig: KubeConfig,
  namespace: string,
  kinds: readonly WatchedKind[] = watchedKinds,
): ObjectSource {
  const requests = KubeRequests.forConfig(kubeConfig);
  const watch = new Watch(kubeConfig);
  return {
    start(onEvent, signal) {
      for (const kind of kinds)
        void follow(kind, onEvent, signal).catch(() => {
          // A source that fails for good leaves the pane without that kind, nothing worse.
        });
    },
  };

  async function follow(
    kind: WatchedKind,
    onEvent: (event: ObjectEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const path = collectionPath(kind, namespace);
    let pause = 500;
    while (!signal.aborted) {
      try {
        const { body } = await requests.send('GET', path, { signal });
        const list = body as { items?: KubeObject[]; metadata?: { resourceVersion?: string } };
        const objects = (list.items ?? []).map((item) => ({
          ...item,
          apiVersion: kind.apiVersion,
          kind: kind.kind,
        }));
        onEvent({ type: 'listed', resourceId: kind.resourceId, objects });
        pause = 500;
        await watchUntilDone(path, list.metadata?.resourceVersion, kind, onEvent, signal);
      } catch (error) {
        if (signal.aborted) return;
        // Not served here (404), or the namespace is not there yet: look again later.
        pause = statusCodeOf(error) === 404 ? 10_000 : Math.min(pause * 2, 5_000);
      }
      await abortableSleep(pause, signal);
    }
  }

  function watchUntilDone(
    path: string,
    resourceVersion: string | undefined,
    kind: WatchedKind,
    onEvent: (event: ObjectEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    return new Promise((resolve) => {
      let controller: AbortController | undefined;
      const abort = () => controller?.abort();
      signal.addEventListener('abort', abort, { once: true });
      const finish = () => {
        signal.removeEventListener('abort', abort);
        resolve();
      };
      watch
        .watch(
          path,
          { resourceVersion, allowWatchBookmarks: true },
          (phase, object: KubeObject) => {
            if (phase === 'ADDED' || phase === 'MODIFIED' || phase === 'DELETED')
              onEvent({ type: phase, resourceId: kind.resourceId, object });
            // ERROR (410 Gone and the like): the stream ends next, and the loop lists again.
          },
          finish,
        )
        .then((started) => {
          controller = started;
          if (signal.aborted) started.abort();
        }, finish);
    });
  }
}

import type { Json, KubeObject } from '../../api/kube-object.ts';
import type { ControllerContext } from '../controller.ts';
import type { EventRecorder } from '../event-recorder.ts';
import { imageIdOf, imageSizeOf, normalizedImage, pullPolicyOf } from './container-image.ts';

/** The images on each node's disk, and the pulls under way. */
export class ImagePuller {
  private readonly images = new Map<string, Set<string>>();
  private readonly pulls = new Map<string, (() => void)[]>();

  constructor(
    private readonly ctx: ControllerContext,
    private readonly recorder: (node: string) => EventRecorder,
    /** How long one pull takes at pace 1, in milliseconds. */
    private readonly pullMs: number,
  ) {}

  /**
   * Makes the container's image present on the node, with the kubelet's events: pulled once
   * per node (pods starting together share the pull), "already present" afterwards unless the
   * pull policy is Always. Calls `done` with the image ID when the container can be created.
   */
  ensureImage(
    node: string,
    pod: Readonly<KubeObject>,
    container: Json,
    fieldPath: string,
    done: (imageID: string) => void,
  ): void {
    const image = String(container.image ?? '');
    const key = normalizedImage(image);
    const imageID = imageIdOf(image);
    const present = this.images.get(node)?.has(key) ?? false;
    const policy = pullPolicyOf(container);
    const events = this.recorder(node);
    if (policy === 'Never' && !present) {
      events.warning(
        pod,
        'ErrImageNeverPull',
        `Container image "${image}" is not present with pull policy of Never`,
        { fieldPath },
      );
      return;
    }
    if (present && policy !== 'Always') {
      events.normal(
        pod,
        'Pulled',
        `Container image "${image}" already present on machine and can be accessed by the pod`,
        { fieldPath },
      );
      done(imageID);
      return;
    }
    events.normal(pod, 'Pulling', `Pulling image "${image}"`, { fieldPath });
    const askedAt = Date.now();
    const pullKey = `${node}\n${key}`;
    const finish = () => {
      const pulled = this.ctx.store.peek('/pods', pod.metadata.namespace, pod.metadata.name!);
      if (!pulled || pulled.metadata.uid !== pod.metadata.uid) return;
      // Pulls run side by side here, so none waits behind another.
      const took = goDuration(Date.now() - askedAt);
      events.normal(
        pulled,
        'Pulled',
        `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${imageSizeOf(image)} bytes.`,
        { fieldPath },
      );
      done(imageID);
    };
    const waiting = this.pulls.get(pullKey);
    if (waiting) {
      waiting.push(finish);
      return;
    }
    const waiters = [finish];
    this.pulls.set(pullKey, waiters);
    this.ctx.after(this.pullMs, () => {
      this.pulls.delete(pullKey);
      let onNode = this.images.get(node);
      if (!onNode) {
        onNode = new Set();
        this.images.set(node, onNode);
      }
      onNode.add(key);
      for (const waiter of waiters) waiter();
    });
  }
}

/** Go's time.Duration formatting for the Pulled message (`150ms`, `1.2s`, `1m3.5s`). */
export function goDuration(ms: number): string {
  if (ms <= 0) return '0s';
  if (ms < 1000) return `${Math.floor(ms)}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Number(((ms % 60_000) / 1000).toFixed(3));
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

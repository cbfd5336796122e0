import { randomBytes } from 'node:crypto';
import { clone, type Json, type KubeObject } from '../../api/kube-object.ts';
import { probePodReadiness } from '../../network/readiness-probe.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { Controller, ControllerContext } from '../controller.ts';
import { createEventRecorder, type EventRecorder } from '../event-recorder.ts';
import { fieldManagers } from '../field-managers.ts';
import { isPodTerminal } from '../pod-state.ts';
import { keyOf, retryingQueue, splitKey } from '../retrying-queue.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import { UserTimers } from '../user-timers.ts';
import { imageIdOf, imageSizeOf, normalizedImage, pullPolicyOf } from './container-image.ts';
import { PodIpAllocator } from './pod-ip-allocator.ts';
import { qosClassOf } from './pod-qos.ts';

/**
 * Decides whether a running pod is ready. With a data plane the default runs the pods'
 * readiness probes for real over it (network/readiness-probe.ts); without one it says yes.
 * Called once the containers have started (after `initialDelaySeconds`), then every
 * `readinessProbe.periodSeconds` for pods that declare a probe (so Ready can flip both ways),
 * or every second until it first says yes for pods without one; both scaled by the pace.
 * `successThreshold`/`failureThreshold` consecutive answers flip Ready, as the kubelet's
 * prober worker does; a failure's `message` becomes an `Unhealthy` event.
 */
export type ReadinessCheck = (
  pod: Readonly<KubeObject>,
) => ReadinessVerdict | Promise<ReadinessVerdict>;

export type ReadinessVerdict = boolean | { ready: boolean; message?: string };

export interface KubeletOptions {
  readinessCheck?: ReadinessCheck;
}

/** The container runtime's simulated steps at pace 1, in milliseconds. */
export const kubeletDelays = {
  sandbox: 60,
  pull: 150,
  create: 20,
  start: 20,
  ready: 50,
  stop: 60,
} as const;

const podsId = '/pods';
const nodesId = '/nodes';

/** What the kubelet remembers about one pod it runs. */
interface PodRun {
  uid: string;
  namespace: string;
  name: string;
  node: string;
  stage: 'starting' | 'running' | 'stopping' | 'stopped';
  /** Bumped whenever pending steps must be abandoned (the pod is being stopped). */
  epoch: number;
  ip?: string;
  /** Started containers by name (init containers too), with their runtime ids. */
  containers: Map<string, { id: string; startedAt: string; imageID: string; finishedAt?: string }>;
  cancelProbe?: () => void;
  /** The prober's last answer and how many times in a row it has given it. */
  probeRun?: { ready: boolean; count: number };
}

interface ContainerRef {
  container: Json;
  fieldPath: string;
  init: boolean;
}

/**
 * The kubelet of every node: runs the pods bound to it. A pod goes Pending
 * (ContainerCreating) → gets an IP from its node's pod CIDR → images pulled, containers
 * created and started → Running → Ready, with the events the real kubelet writes. A pod
 * being deleted has its containers stopped and is then removed.
 */
export function createKubelet(options: KubeletOptions = {}): Controller {
  return {
    name: 'kubelet',
    start(ctx) {
      const node = new NodeRuntimes(ctx);
      const dataPlane = ctx.dataPlane;
      const readinessCheck: ReadinessCheck =
        options.readinessCheck ??
        (dataPlane
          ? async (pod) => {
              const nodeIP = node.internalIP(String(pod.spec?.nodeName ?? ''));
              const result = await probePodReadiness(dataPlane, pod, nodeIP);
              return {
                ready: result.success,
                ...(result.message ? { message: result.message } : {}),
              };
            }
          : () => true);
      // Probe timings are the user's seconds scaled by the pace, never closer than 50 ms.
      const probeDelay = (seconds: number, floorMs = 0) =>
        Math.max(seconds * 1000 * ctx.options.pace, floorMs);
      const runs = new Map<string, PodRun>();
      const timers = new UserTimers();
      const podsDef = resourceById(podsId);
      const { store } = ctx;

      const queue = retryingQueue(ctx, (key) => {
        const { namespace, name } = splitKey(key);
        const pod = store.peek(podsId, namespace, name);
        if (!pod) return;
        const run = runs.get(pod.metadata.uid!);
        if (pod.metadata.deletionTimestamp) return stopPod(pod, run);
        const nodeName = pod.spec?.nodeName;
        if (run || !nodeName || !store.peek(nodesId, undefined, nodeName) || isPodTerminal(pod))
          return;
        if (pod.status?.podIP || pod.status?.phase === 'Running') return adopt(pod, nodeName);
        startPod(pod, nodeName);
      });

      // ---- starting ----

      function startPod(pod: Readonly<KubeObject>, nodeName: string): void {
        const run: PodRun = {
          uid: pod.metadata.uid!,
          namespace: pod.metadata.namespace!,
          name: pod.metadata.name!,
          node: nodeName,
          stage: 'starting',
          epoch: 0,
          containers: new Map(),
        };
        runs.set(run.uid, run);
        const hostIP = node.internalIP(nodeName);
        writeStatus(run, (status, current) => {
          status.phase = 'Pending';
          status.hostIP = hostIP;
          status.hostIPs = [{ ip: hostIP }];
          status.startTime = status.startTime ?? store.now();
          status.qosClass = status.qosClass ?? qosClassOf(current);
          setPodConditions(
            status,
            current,
            run,
            { sandboxReady: false, ready: false },
            store.now(),
          );
          status.initContainerStatuses = initContainersOf(current).map((c) =>
            waitingStatus(c, 'PodInitializing'),
          );
          if (status.initContainerStatuses.length === 0) delete status.initContainerStatuses;
          status.containerStatuses = containersOf(current).map((c) =>
            waitingStatus(
              c,
              initContainersOf(current).length ? 'PodInitializing' : 'ContainerCreating',
            ),
          );
        });
        step(run, kubeletDelays.sandbox, () => createSandbox(run));
      }

      function createSandbox(run: PodRun): void {
        const pod = currentPod(run);
        if (!pod) return;
        const ip =
          run.ip ?? (pod.spec?.hostNetwork ? node.internalIP(run.node) : node.allocateIp(run.node));
        if (!ip) {
          node
            .recorder(run.node)
            .warning(
              pod,
              'FailedCreatePodSandBox',
              `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="host-local" failed (add): failed to allocate for range 0: no IP addresses available in range set: ${node.podCIDR(run.node)}`,
            );
          return;
        }
        run.ip = ip;
        writeStatus(run, (status, current) => {
          status.podIP = ip;
          status.podIPs = [{ ip }];
          setPodConditions(status, current, run, { sandboxReady: true, ready: false }, store.now());
        });
        const pending: ContainerRef[] = [
          ...initContainersOf(pod).map((container) => ({
            container,
            fieldPath: `spec.initContainers{${container.name}}`,
            init: true,
          })),
          ...containersOf(pod).map((container) => ({
            container,
            fieldPath: `spec.containers{${container.name}}`,
            init: false,
          })),
        ];
        startContainers(run, pending);
      }

      /** Pulls, creates and starts each container in turn; init containers run to completion. */
      function startContainers(run: PodRun, pending: ContainerRef[]): void {
        const next = pending[0];
        if (!next) return containersRunning(run);
        const pod = currentPod(run);
        if (!pod) return;
        const epoch = run.epoch;
        node.ensureImage(run.node, pod, next.container, next.fieldPath, (imageID) => {
          if (!alive(run, epoch)) return;
          step(run, kubeletDelays.create, () => {
            const created = currentPod(run);
            if (!created) return;
            node
              .recorder(run.node)
              .normal(created, 'Created', 'Container created', { fieldPath: next.fieldPath });
            step(run, kubeletDelays.start, () => {
              const started = currentPod(run);
              if (!started) return;
              const startedAt = store.now();
              run.containers.set(next.container.name, {
                id: `containerd://${randomBytes(32).toString('hex')}`,
                startedAt,
                imageID,
              });
              node
                .recorder(run.node)
                .normal(started, 'Started', 'Container started', { fieldPath: next.fieldPath });
              if (next.init && next.container.restartPolicy !== 'Always') {
                run.containers.get(next.container.name)!.finishedAt = store.now();
                writeStatus(run, (status, current) => {
                  status.initContainerStatuses = initContainersOf(current).map((c) =>
                    initContainerStatus(c, run),
                  );
                });
              }
              startContainers(run, pending.slice(1));
            });
          });
        });
      }

      function containersRunning(run: PodRun): void {
        run.stage = 'running';
        writeStatus(run, (status, current) => {
          status.phase = 'Running';
          if (initContainersOf(current).length > 0) {
            status.initContainerStatuses = initContainersOf(current).map((c) =>
              initContainerStatus(c, run),
            );
          }
          status.containerStatuses = containersOf(current).map((c) => runningStatus(c, run, false));
          setPodConditions(status, current, run, { sandboxReady: true, ready: false }, store.now());
        });
        const pod = currentPod(run);
        const probe: Json | undefined = containersOf(pod ?? { spec: {} }).find(
          (c) => c.readinessProbe,
        )?.readinessProbe;
        const epoch = run.epoch;
        step(run, kubeletDelays.ready, () => {
          run.cancelProbe = timers.set(probeDelay(probe?.initialDelaySeconds ?? 0), () =>
            probeReadiness(run, epoch, probe),
          );
        });
      }

      function probeReadiness(run: PodRun, epoch: number, probe: Json | undefined): void {
        const pod = currentPod(run);
        if (!pod || !alive(run, epoch)) return;
        let verdict: Promise<ReadinessVerdict>;
        try {
          verdict = Promise.resolve(readinessCheck(pod));
        } catch {
          verdict = Promise.resolve(false);
        }
        verdict
          .catch(() => false)
          .then((answer) => {
            if (!alive(run, epoch)) return;
            const { ready: result, message } =
              typeof answer === 'boolean' ? { ready: answer, message: undefined } : answer;
            const probed = currentPod(run);
            if (!result && message && probed) {
              const container = containersOf(probed).find((c) => c.readinessProbe);
              node.recorder(run.node).warning(probed, 'Unhealthy', message, {
                ...(container ? { fieldPath: `spec.containers{${container.name}}` } : {}),
              });
            }
            // The prober worker: Ready changes after enough answers in a row (it starts unready).
            const streak = run.probeRun?.ready === result ? run.probeRun.count + 1 : 1;
            run.probeRun = { ready: result, count: streak };
            const threshold = result
              ? (probe?.successThreshold ?? 1)
              : (probe?.failureThreshold ?? 3);
            const ready = streak >= threshold ? result : isRunReady(run);
            setReady(run, ready);
            // A declared probe runs every period; without one, only a "not yet" is asked again.
            const again = probe ? (probe.periodSeconds ?? 10) : ready ? undefined : 1;
            if (again !== undefined) {
              run.cancelProbe = timers.set(probeDelay(again, 50), () =>
                probeReadiness(run, epoch, probe),
              );
            }
          });
      }

      function isRunReady(run: PodRun): boolean {
        const pod = currentPod(run);
        return (
          (pod?.status?.conditions as Json[] | undefined)?.some(
            (c) => c.type === 'ContainersReady' && c.status === 'True',
          ) === true
        );
      }

      function setReady(run: PodRun, ready: boolean): void {
        writeStatus(run, (status, current) => {
          status.containerStatuses = containersOf(current).map((c) => runningStatus(c, run, ready));
          setPodConditions(status, current, run, { sandboxReady: true, ready }, store.now());
        });
      }

      /** A pod already running when the kubelet starts (or restarts): take it over as it is. */
      function adopt(pod: Readonly<KubeObject>, nodeName: string): void {
        const run: PodRun = {
          uid: pod.metadata.uid!,
          namespace: pod.metadata.namespace!,
          name: pod.metadata.name!,
          node: nodeName,
          stage: pod.status?.phase === 'Running' ? 'running' : 'starting',
          epoch: 0,
          ip: pod.status?.podIP,
          containers: new Map(),
        };
        for (const status of (pod.status?.containerStatuses as Json[] | undefined) ?? []) {
          if (!status.state?.running) continue;
          run.containers.set(status.name, {
            id: status.containerID,
            startedAt: status.state.running.startedAt,
            imageID: status.imageID,
          });
        }
        if (run.ip && !pod.spec?.hostNetwork) node.reserveIp(nodeName, run.ip);
        runs.set(run.uid, run);
        // Interrupted before its containers ran: set them up again, keeping the pod's IP.
        if (run.stage === 'starting') step(run, 0, () => createSandbox(run));
      }

      // ---- stopping ----

      function stopPod(pod: Readonly<KubeObject>, run: PodRun | undefined): void {
        if (!run) {
          // Never started here (unbound, or on no node of ours): nothing to stop.
          return removeIfUnblocked(pod);
        }
        if (run.stage === 'stopped') return removeIfUnblocked(pod);
        if (run.stage === 'stopping') return;
        const wasRunning = [...run.containers.entries()].filter(([, c]) => !c.finishedAt);
        run.stage = 'stopping';
        run.epoch++;
        run.cancelProbe?.();
        if (pod.metadata.deletionGracePeriodSeconds === 0) return stopped(run);
        for (const [name] of wasRunning) {
          const init = initContainersOf(pod).some((c) => c.name === name);
          node.recorder(run.node).normal(pod, 'Killing', `Stopping container ${name}`, {
            fieldPath: `spec.${init ? 'initContainers' : 'containers'}{${name}}`,
          });
        }
        ctx.after(kubeletDelays.stop, () => stopped(run));
      }

      function stopped(run: PodRun): void {
        if (runs.get(run.uid) !== run) return;
        run.stage = 'stopped';
        const finishedAt = store.now();
        for (const container of run.containers.values())
          container.finishedAt = container.finishedAt ?? finishedAt;
        writeStatus(run, (status, current) => {
          status.phase = 'Failed';
          status.containerStatuses = containersOf(current).map((c) => terminatedStatus(c, run));
          setPodConditions(
            status,
            current,
            run,
            { sandboxReady: false, ready: false },
            store.now(),
          );
        });
        const pod = currentPod(run);
        if (pod) removeIfUnblocked(pod);
      }

      /** The pod's last step: gone once no finalizer holds it (the kubelet's final delete). */
      function removeIfUnblocked(pod: Readonly<KubeObject>): void {
        if ((pod.metadata.finalizers ?? []).length > 0) return;
        ctx.ops.finalize(podsDef, pod as KubeObject);
      }

      // ---- helpers ----

      function currentPod(run: PodRun): Readonly<KubeObject> | undefined {
        const pod = store.peek(podsId, run.namespace, run.name);
        return pod && pod.metadata.uid === run.uid ? pod : undefined;
      }

      function alive(run: PodRun, epoch: number): boolean {
        return runs.get(run.uid) === run && run.epoch === epoch && run.stage !== 'stopped';
      }

      /** A simulated runtime step: runs `fn` after `ms` unless the pod has moved on. */
      function step(run: PodRun, ms: number, fn: () => void): void {
        const epoch = run.epoch;
        ctx.after(ms, () => {
          if (alive(run, epoch)) fn();
        });
      }

      function writeStatus(run: PodRun, change: (status: Json, pod: Readonly<KubeObject>) => void) {
        const pod = currentPod(run);
        if (!pod) return;
        const status: Json = clone(pod.status ?? {});
        change(status, pod);
        if (pod.metadata.generation) status.observedGeneration = pod.metadata.generation;
        if (semanticallyEqual(status, pod.status)) return;
        ctx.ops.update(podsDef, { ...pod, status } as KubeObject, {
          subresource: 'status',
          fieldManager: fieldManagers.kubelet,
        });
      }

      function initContainerStatus(container: Json, run: PodRun): Json {
        const started = run.containers.get(container.name);
        if (!started) return waitingStatus(container, 'PodInitializing');
        if (container.restartPolicy === 'Always') return runningStatus(container, run, true);
        return {
          ...baseStatus(container, started),
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

      function runningStatus(container: Json, run: PodRun, ready: boolean): Json {
        const started = run.containers.get(container.name);
        if (!started) return waitingStatus(container, 'ContainerCreating');
        return {
          ...baseStatus(container, started),
          ready,
          started: true,
          state: { running: { startedAt: started.startedAt } },
        };
      }

      function terminatedStatus(container: Json, run: PodRun): Json {
        const started = run.containers.get(container.name);
        if (!started) return waitingStatus(container, 'ContainerCreating');
        return {
          ...baseStatus(container, started),
          ready: false,
          started: false,
          state: {
            terminated: {
              containerID: started.id,
              // Killed by SIGTERM, as a server without a signal handler is.
              exitCode: 143,
              finishedAt: started.finishedAt ?? store.now(),
              reason: 'Error',
              startedAt: started.startedAt,
            },
          },
        };
      }

      const unsubscribe = store.subscribe((event) => {
        if (event.resource === nodesId && event.type !== 'DELETED') {
          for (const pod of store.scan(podsId)) {
            if (pod.spec?.nodeName === event.object.metadata.name) queue.add(keyOf(pod));
          }
          return;
        }
        if (event.resource !== podsId) return;
        if (event.type === 'DELETED') {
          const pod = event.object;
          const run = runs.get(pod.metadata.uid!);
          if (run) {
            run.epoch++;
            run.cancelProbe?.();
            runs.delete(run.uid);
          }
          const ip = run?.ip ?? pod.status?.podIP;
          if (ip && pod.spec?.nodeName && !pod.spec?.hostNetwork)
            node.releaseIp(pod.spec.nodeName, ip);
          return;
        }
        queue.add(keyOf(event.object));
      });
      for (const pod of store.scan(podsId)) {
        const ip = pod.status?.podIP;
        if (ip && pod.spec?.nodeName && !pod.spec?.hostNetwork)
          node.reserveIp(pod.spec.nodeName, ip);
      }
      for (const pod of store.scan(podsId)) queue.add(keyOf(pod));

      return () => {
        unsubscribe();
        queue.stop();
        timers.clear();
        runs.clear();
      };
    },
  };
}

/** The kubelet every sandbox runs: containers are ready as soon as they start. */
export const kubelet: Controller = createKubelet();

/** Per-node runtime state: the IP pool, the images on disk, the node's event recorder. */
class NodeRuntimes {
  private readonly allocators = new Map<string, PodIpAllocator>();
  private readonly images = new Map<string, Set<string>>();
  private readonly pulls = new Map<string, ((imageID: string) => void)[]>();
  private readonly recorders = new Map<string, EventRecorder>();

  constructor(private readonly ctx: ControllerContext) {}

  recorder(node: string): EventRecorder {
    let recorder = this.recorders.get(node);
    if (!recorder) {
      recorder = createEventRecorder(this.ctx.ops, { component: 'kubelet', host: node });
      this.recorders.set(node, recorder);
    }
    return recorder;
  }

  internalIP(node: string): string {
    const addresses: Json[] =
      this.ctx.store.peek(nodesId, undefined, node)?.status?.addresses ?? [];
    return addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
  }

  podCIDR(node: string): string {
    return this.ctx.store.peek(nodesId, undefined, node)?.spec?.podCIDR ?? '';
  }

  private allocator(node: string): PodIpAllocator | undefined {
    let allocator = this.allocators.get(node);
    const cidr = this.podCIDR(node);
    if (!allocator && cidr) {
      allocator = new PodIpAllocator(cidr);
      this.allocators.set(node, allocator);
    }
    return allocator;
  }

  allocateIp(node: string): string | undefined {
    return this.allocator(node)?.allocate();
  }

  reserveIp(node: string, ip: string): void {
    this.allocator(node)?.reserve(ip);
  }

  releaseIp(node: string, ip: string): void {
    this.allocators.get(node)?.release(ip);
  }

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
    const waiting = this.pulls.get(pullKey);
    const finish = (pulledIn: number) => {
      const pulled = this.ctx.store.peek(podsId, pod.metadata.namespace, pod.metadata.name!);
      if (!pulled || pulled.metadata.uid !== pod.metadata.uid) return;
      const waited = Date.now() - askedAt;
      events.normal(
        pulled,
        'Pulled',
        `Successfully pulled image "${image}" in ${goDuration(pulledIn)} (${goDuration(waited)} including waiting). Image size: ${imageSizeOf(image)} bytes.`,
        { fieldPath },
      );
      done(imageID);
    };
    if (waiting) {
      waiting.push(() => finish(Date.now() - askedAt));
      return;
    }
    const waiters: ((imageID: string) => void)[] = [() => finish(Date.now() - askedAt)];
    this.pulls.set(pullKey, waiters);
    this.ctx.after(kubeletDelays.pull, () => {
      this.pulls.delete(pullKey);
      let onNode = this.images.get(node);
      if (!onNode) {
        onNode = new Set();
        this.images.set(node, onNode);
      }
      onNode.add(key);
      for (const waiter of waiters) waiter(imageID);
    });
  }
}

function containersOf(pod: Readonly<Json>): Json[] {
  return pod.spec?.containers ?? [];
}

function initContainersOf(pod: Readonly<Json>): Json[] {
  return pod.spec?.initContainers ?? [];
}

function baseStatus(
  container: Json,
  started: { id: string; imageID: string },
): Record<string, unknown> {
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

function waitingStatus(container: Json, reason: string): Json {
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

/**
 * Rebuilds the pod's conditions in the order the kubelet writes them, keeping
 * lastTransitionTime for conditions whose status did not change.
 */
function setPodConditions(
  status: Json,
  pod: Readonly<KubeObject>,
  run: PodRun,
  state: { sandboxReady: boolean; ready: boolean },
  now: string,
): void {
  const existing: Json[] = status.conditions ?? [];
  const generation = pod.metadata.generation;
  const condition = (type: string, ok: boolean, reason?: string, message?: string): Json => {
    const previous = existing.find((c) => c.type === type);
    const value = ok ? 'True' : 'False';
    return {
      type,
      status: value,
      lastProbeTime: null,
      lastTransitionTime: previous?.status === value ? previous.lastTransitionTime : now,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      ...(generation ? { observedGeneration: generation } : {}),
    };
  };
  const inits = initContainersOf(pod).filter((c) => c.restartPolicy !== 'Always');
  const unfinishedInits = inits
    .filter((c) => !run.containers.get(c.name)?.finishedAt)
    .map((c) => c.name);
  const initialized = unfinishedInits.length === 0 || run.stage === 'stopped';
  const unready = state.ready ? [] : containersOf(pod).map((c) => c.name);
  const notReadyReason = initialized ? 'ContainersNotReady' : 'ContainersNotInitialized';
  const notReadyMessage = initialized
    ? `containers with unready status: [${unready.join(' ')}]`
    : `containers with incomplete status: [${unfinishedInits.join(' ')}]`;
  const rebuilt = [
    condition('PodReadyToStartContainers', state.sandboxReady),
    initialized
      ? condition('Initialized', true)
      : condition('Initialized', false, 'ContainersNotInitialized', notReadyMessage),
    state.ready
      ? condition('Ready', true)
      : condition('Ready', false, notReadyReason, notReadyMessage),
    state.ready
      ? condition('ContainersReady', true)
      : condition('ContainersReady', false, notReadyReason, notReadyMessage),
  ];
  const scheduled =
    existing.find((c) => c.type === 'PodScheduled') ?? condition('PodScheduled', true);
  const others = existing.filter(
    (c) => !rebuilt.some((r) => r.type === c.type) && c.type !== 'PodScheduled',
  );
  status.conditions = [...rebuilt, scheduled, ...others];
}

/** Go's time.Duration formatting for the Pulled message (`150ms`, `1.2s`, `1m3.5s`). */
export function goDuration(ms: number): string {
  if (ms <= 0) return '0s';
  if (ms < 1000) return `${Math.floor(ms)}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Number(((ms % 60_000) / 1000).toFixed(3));
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

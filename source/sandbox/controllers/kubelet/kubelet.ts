import { randomBytes } from 'node:crypto';
import { clone, type Json, type KubeObject } from '../../api/kube-object.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { Controller } from '../controller.ts';
import { fieldManagers } from '../field-managers.ts';
import { isPodTerminal } from '../pod-state.ts';
import { keyOf, retryingQueue, splitKey } from '../retrying-queue.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import { UserTimers } from '../user-timers.ts';
import {
  initContainerStatus,
  runningStatus,
  terminatedStatus,
  waitingStatus,
} from './container-statuses.ts';
import { ImagePuller } from './image-puller.ts';
import { NodeRuntimes } from './node-runtimes.ts';
import { setPodConditions } from './pod-conditions.ts';
import { qosClassOf } from './pod-qos.ts';
import {
  containerFieldPath,
  containersOf,
  initContainersOf,
  newPodRun,
  type PodRun,
  type StartedContainer,
} from './pod-run.ts';
import {
  afterProbeAnswer,
  askReadiness,
  defaultReadinessCheck,
  type ReadinessCheck,
} from './readiness.ts';

export type { ReadinessCheck, ReadinessVerdict } from './readiness.ts';

export interface KubeletOptions {
  readinessCheck?: ReadinessCheck;
}

/** The container runtime's simulated steps at pace 1, in milliseconds. */
const kubeletDelays = {
  sandbox: 60,
  pull: 150,
  create: 20,
  start: 20,
  ready: 50,
  stop: 60,
} as const;

const podsId = '/pods';
const nodesId = '/nodes';

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
      const images = new ImagePuller(ctx, (name) => node.recorder(name), kubeletDelays.pull);
      const readinessCheck =
        options.readinessCheck ??
        defaultReadinessCheck(ctx.dataPlane, (name) => node.internalIP(name));
      // Probe timings are the user's seconds scaled by the pace; repeats never closer than 50 ms.
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
        const run = newPodRun(pod, nodeName, 'starting');
        runs.set(run.uid, run);
        const hostIP = node.internalIP(nodeName);
        writeStatus(run, (status, current) => {
          status.phase = 'Pending';
          status.hostIP = hostIP;
          status.hostIPs = [{ ip: hostIP }];
          status.startTime = status.startTime ?? store.now();
          status.qosClass = status.qosClass ?? qosClassOf(current);
          setConditions(status, current, run, { sandboxReady: false, ready: false });
          const inits = initContainersOf(current);
          status.initContainerStatuses = inits.map((c) => waitingStatus(c, 'PodInitializing'));
          if (inits.length === 0) delete status.initContainerStatuses;
          const waitingFor = inits.length ? 'PodInitializing' : 'ContainerCreating';
          status.containerStatuses = containersOf(current).map((c) => waitingStatus(c, waitingFor));
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
          setConditions(status, current, run, { sandboxReady: true, ready: false });
        });
        const refs = (containers: Json[], init: boolean): ContainerRef[] =>
          containers.map((container) => ({
            container,
            fieldPath: containerFieldPath(container.name, init),
            init,
          }));
        startContainers(run, [
          ...refs(initContainersOf(pod), true),
          ...refs(containersOf(pod), false),
        ]);
      }

      /** Pulls, creates and starts each container in turn; init containers run to completion. */
      function startContainers(run: PodRun, pending: ContainerRef[]): void {
        const next = pending[0];
        if (!next) return containersRunning(run);
        const pod = currentPod(run);
        if (!pod) return;
        const epoch = run.epoch;
        images.ensureImage(run.node, pod, next.container, next.fieldPath, (imageID) => {
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
              const container: StartedContainer = {
                id: `containerd://${randomBytes(32).toString('hex')}`,
                startedAt,
                imageID,
              };
              run.containers.set(next.container.name, container);
              node
                .recorder(run.node)
                .normal(started, 'Started', 'Container started', { fieldPath: next.fieldPath });
              if (next.init && next.container.restartPolicy !== 'Always') {
                container.finishedAt = store.now();
                writeStatus(run, (status, current) => {
                  status.initContainerStatuses = initStatuses(current, run);
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
            status.initContainerStatuses = initStatuses(current, run);
          }
          status.containerStatuses = runningStatuses(current, run, false);
          setConditions(status, current, run, { sandboxReady: true, ready: false });
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
        void askReadiness(readinessCheck, pod).then(({ ready: answer, message }) => {
          if (!alive(run, epoch)) return;
          const probed = currentPod(run);
          if (!answer && message && probed) {
            const container = containersOf(probed).find((c) => c.readinessProbe);
            node.recorder(run.node).warning(probed, 'Unhealthy', message, {
              ...(container ? { fieldPath: containerFieldPath(container.name, false) } : {}),
            });
          }
          const next = afterProbeAnswer(run.probeRun, answer, probe, isRunReady(run));
          run.probeRun = next.streak;
          setReady(run, next.ready);
          if (next.againInSeconds !== undefined) {
            run.cancelProbe = timers.set(probeDelay(next.againInSeconds, 50), () =>
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
          status.containerStatuses = runningStatuses(current, run, ready);
          setConditions(status, current, run, { sandboxReady: true, ready });
        });
      }

      /** A pod already running when the kubelet starts (or restarts): take it over as it is. */
      function adopt(pod: Readonly<KubeObject>, nodeName: string): void {
        const stage = pod.status?.phase === 'Running' ? 'running' : 'starting';
        const run = newPodRun(pod, nodeName, stage, pod.status?.podIP);
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
        // Never started here (unbound, or on no node of ours): nothing to stop.
        if (!run || run.stage === 'stopped') return removeIfUnblocked(pod);
        if (run.stage === 'stopping') return;
        const wasRunning = [...run.containers.entries()].filter(([, c]) => !c.finishedAt);
        run.stage = 'stopping';
        run.epoch++;
        run.cancelProbe?.();
        if (pod.metadata.deletionGracePeriodSeconds === 0) return stopped(run);
        for (const [name] of wasRunning) {
          const init = initContainersOf(pod).some((c) => c.name === name);
          node.recorder(run.node).normal(pod, 'Killing', `Stopping container ${name}`, {
            fieldPath: containerFieldPath(name, init),
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
          status.containerStatuses = containersOf(current).map((c) =>
            terminatedStatus(c, run.containers.get(c.name), finishedAt),
          );
          setConditions(status, current, run, { sandboxReady: false, ready: false });
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

      function setConditions(
        status: Json,
        pod: Readonly<KubeObject>,
        run: PodRun,
        state: { sandboxReady: boolean; ready: boolean },
      ): void {
        setPodConditions(status, pod, run, state, store.now());
      }

      const initStatuses = (pod: Readonly<KubeObject>, run: PodRun) =>
        initContainersOf(pod).map((c) => initContainerStatus(c, run.containers.get(c.name)));
      const runningStatuses = (pod: Readonly<KubeObject>, run: PodRun, ready: boolean) =>
        containersOf(pod).map((c) => runningStatus(c, run.containers.get(c.name), ready));

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

/** The kubelet every sandbox runs, with the default readiness check. */
export const kubelet: Controller = createKubelet();

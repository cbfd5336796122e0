import type { Json } from '../sandbox/api/kube-object.ts';
import { humanDuration, since } from './human-duration.ts';
import { ageColumn, nameColumn, none } from './object-meta-columns.ts';
import { column, type ObjectRenderer, type TableRowCondition } from './table-column.ts';

export const podColumns = [
  nameColumn,
  column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'The aggregate status of the containers in this pod.'),
  column(
    'Restarts',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  ageColumn,
  column(
    'IP',
    'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
    { priority: 1 },
  ),
  column(
    'Node',
    'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName.',
    { priority: 1 },
  ),
  column(
    'Nominated Node',
    'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.',
    { priority: 1 },
  ),
  column(
    'Readiness Gates',
    'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True"',
    { priority: 1 },
  ),
] as const;

/** A sidecar: an init container that keeps running beside the app containers. */
function isRestartableInit(container: Json | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function hasCondition(pod: Readonly<Json>, type: string): boolean {
  return (pod.status?.conditions ?? []).some((c: Json) => c.type === type && c.status === 'True');
}

function finishedAt(status: Json): number {
  const at = Date.parse(status.lastState?.terminated?.finishedAt ?? '');
  return Number.isNaN(at) ? 0 : at;
}

/** What STATUS, READY and RESTARTS say about a pod, by the rules of kubectl's printPod. */
function podSummary(pod: Readonly<Json>): {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  lastRestart: number;
} {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const phase: string = status.phase ?? '';
  let reason: string = status.reason || phase;
  for (const condition of status.conditions ?? []) {
    if (condition.type === 'PodScheduled' && condition.reason === 'SchedulingGated')
      reason = 'SchedulingGated';
  }

  const initSpecs = new Map<string, Json>(
    (spec.initContainers ?? []).map((c: Json) => [c.name, c]),
  );
  let total = (spec.containers ?? []).length;
  for (const init of initSpecs.values()) if (isRestartableInit(init)) total++;

  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let sidecarRestarts = 0;
  let lastSidecarRestart = 0;
  let initializing = false;
  const initStatuses: Json[] = status.initContainerStatuses ?? [];
  for (const [index, container] of initStatuses.entries()) {
    restarts += container.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, finishedAt(container));
    const sidecar = isRestartableInit(initSpecs.get(container.name));
    if (sidecar) {
      sidecarRestarts += container.restartCount ?? 0;
      lastSidecarRestart = Math.max(lastSidecarRestart, finishedAt(container));
    }
    const terminated = container.state?.terminated;
    const waiting = container.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && container.started) {
      if (container.ready) ready++;
      continue;
    }
    if (terminated) {
      reason = terminated.reason
        ? `Init:${terminated.reason}`
        : terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${index}/${initSpecs.size}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || hasCondition(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses: Json[] = status.containerStatuses ?? [];
    for (const container of [...statuses].reverse()) {
      restarts += container.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finishedAt(container));
      const { waiting, terminated, running } = container.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated)
        reason = terminated.signal
          ? `Signal:${terminated.signal}`
          : `ExitCode:${terminated.exitCode ?? 0}`;
      else if (container.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    // A pod whose last container finished while another still runs is not "Completed".
    if (reason === 'Completed' && hasRunning)
      reason = hasCondition(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && status.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  return { ready, total, reason, restarts, lastRestart };
}

function readinessGates(pod: Readonly<Json>): string {
  const gates: Json[] = pod.spec?.readinessGates ?? [];
  if (gates.length === 0) return none;
  const conditions: Json[] = pod.status?.conditions ?? [];
  const passing = gates.filter(
    (gate) => conditions.find((c) => c.type === gate.conditionType)?.status === 'True',
  ).length;
  return `${passing}/${gates.length}`;
}

export const podRow: ObjectRenderer = {
  columns: podColumns,
  cells(pod, now) {
    const { ready, total, reason, restarts, lastRestart } = podSummary(pod);
    const restartCell =
      restarts !== 0 && lastRestart > 0
        ? `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`
        : String(restarts);
    return [
      pod.metadata?.name ?? '',
      `${ready}/${total}`,
      reason,
      restartCell,
      since(pod.metadata?.creationTimestamp, now),
      pod.status?.podIPs?.[0]?.ip || none,
      pod.spec?.nodeName || none,
      pod.status?.nominatedNodeName || none,
      readinessGates(pod),
    ];
  },
  conditions(pod): TableRowCondition[] | undefined {
    switch (pod.status?.phase) {
      case 'Succeeded':
        return [
          {
            type: 'Completed',
            status: 'True',
            reason: 'Succeeded',
            message: 'The pod has completed successfully.',
          },
        ];
      case 'Failed':
        return [
          { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
        ];
      default:
        return undefined;
    }
  },
};

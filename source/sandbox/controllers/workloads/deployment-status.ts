import { clone, type Json, type KubeObject } from '../../api/kube-object.ts';
import {
  conditionOf,
  newCondition,
  deploymentReasons as reasons,
  withCondition,
  withoutCondition,
} from './deployment-conditions.ts';
import {
  deploymentComplete,
  deploymentProgressing,
  desiredReplicas,
  maxUnavailable,
  sumReplicas,
  sumStatus,
} from './deployment-rollout.ts';

/**
 * A Deployment's status as the deployment controller computes it from its ReplicaSets
 * (deployment/sync.go): replica counts, Available, and during rollouts Progressing with its
 * deadline and ReplicaFailure copied up from a ReplicaSet. Pure: `now` stamps conditions,
 * `nowMs` measures the progress deadline.
 */

type Stored = Readonly<KubeObject>;

/** A `progressDeadlineSeconds` of MaxInt32 (or null) turns progress tracking off. */
export function hasProgressDeadline(d: Stored): boolean {
  const deadline = d.spec?.progressDeadlineSeconds;
  return deadline !== null && deadline !== 2147483647;
}

/** `calculateStatus`: the replica counts and the Available condition. */
export function calculateDeploymentStatus(
  d: Stored,
  all: readonly Stored[],
  newRS: Stored | undefined,
  now: string,
): Json {
  const available = sumStatus(all, 'availableReplicas');
  const unavailable = Math.max(0, sumReplicas(all) - available);
  const reporting =
    all.length > 0 && all.every((rs) => rs.status?.terminatingReplicas !== undefined);
  const counts: Json = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(all, 'replicas'),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sumStatus(all, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: unavailable,
  };
  const status: Json = Object.fromEntries(Object.entries(counts).filter(([, v]) => v));
  if (reporting) status.terminatingReplicas = sumStatus(all, 'terminatingReplicas');
  status.conditions = clone(d.status?.conditions ?? []);
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const minimumAvailable = available >= desiredReplicas(d) - maxUnavailable(d);
  return withCondition(
    status,
    minimumAvailable
      ? newCondition(
          'Available',
          'True',
          reasons.minimumAvailable,
          'Deployment has minimum availability.',
          now,
        )
      : newCondition(
          'Available',
          'False',
          reasons.minimumUnavailable,
          'Deployment does not have minimum availability.',
          now,
        ),
  );
}

/** `syncRolloutStatus`: the calculated status plus Progressing and ReplicaFailure. */
export function rolloutStatus(
  d: Stored,
  all: readonly Stored[],
  newRS: Stored | undefined,
  now: string,
  nowMs: number,
): Json {
  let status = calculateDeploymentStatus(d, all, newRS, now);
  if (!hasProgressDeadline(d)) status = withoutCondition(status, 'Progressing');
  const current = conditionOf(d.status, 'Progressing');
  const complete =
    (status.replicas ?? 0) === (status.updatedReplicas ?? 0) &&
    current?.reason === reasons.newReplicaSetAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const subject = newRS
      ? `ReplicaSet "${newRS.metadata.name}"`
      : `Deployment "${d.metadata.name}"`;
    if (deploymentComplete(d, status)) {
      status = withCondition(
        status,
        newCondition(
          'Progressing',
          'True',
          reasons.newReplicaSetAvailable,
          `${subject} has successfully progressed.`,
          now,
        ),
      );
    } else if (deploymentProgressing(d, status)) {
      const condition = newCondition(
        'Progressing',
        'True',
        reasons.replicaSetUpdated,
        `${subject} is progressing.`,
        now,
      );
      if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
      status = withCondition(withoutCondition(status, 'Progressing'), condition);
    } else if (progressTimedOut(d, status, nowMs)) {
      status = withCondition(
        status,
        newCondition(
          'Progressing',
          'False',
          reasons.timedOut,
          `${subject} has timed out progressing.`,
          now,
        ),
      );
    }
  }
  const failure = all
    .map((rs) => conditionOf(rs.status, 'ReplicaFailure'))
    .find((c) => c?.status === 'True');
  return failure
    ? withCondition(
        status,
        newCondition('ReplicaFailure', 'True', failure.reason, failure.message, now),
      )
    : withoutCondition(status, 'ReplicaFailure');
}

/** How long until a rollout still in progress should be looked at again, if it should. */
export function msUntilProgressCheck(d: Stored, status: Json, nowMs: number): number | undefined {
  const condition = conditionOf(status, 'Progressing');
  if (!hasProgressDeadline(d) || !condition) return undefined;
  if (condition.reason === reasons.newReplicaSetAvailable || condition.reason === reasons.timedOut)
    return undefined;
  if (deploymentComplete(d, status)) return undefined;
  const due = progressDeadlineMs(d, condition) - nowMs;
  return Math.max(due, 0) + 1000;
}

function progressTimedOut(d: Stored, status: Json, nowMs: number): boolean {
  const condition = conditionOf(status, 'Progressing');
  if (!condition) return false;
  if (condition.reason === reasons.newReplicaSetAvailable) return false;
  if (condition.reason === reasons.timedOut) return true;
  return progressDeadlineMs(d, condition) < nowMs;
}

/** When the Progressing condition's last update runs out of `progressDeadlineSeconds`. */
function progressDeadlineMs(d: Stored, progressing: Json): number {
  const seconds: number = d.spec?.progressDeadlineSeconds ?? 600;
  return Date.parse(progressing.lastUpdateTime ?? '') + seconds * 1000;
}

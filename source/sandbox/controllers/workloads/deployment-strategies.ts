import type { KubeObject } from '../../api/kube-object.ts';
import { controllerRefOf } from '../owner-references.ts';
import { isPodTerminal } from '../pod-state.ts';
import {
  activeOrLatest,
  creationOrder,
  deploymentComplete,
  desiredReplicas,
  desiredReplicasAnnotation,
  isRollingUpdate,
  maxUnavailable,
  newReplicaSetReplicas,
  proportionalSizes,
  sumReplicas,
  sumStatus,
} from './deployment-rollout.ts';
import type { DeploymentSync } from './deployment-sync.ts';

/**
 * How a Deployment moves replicas between its ReplicaSets, as kube-controller-manager's
 * sync.go (scaling), rolling.go and recreate.go do: each step scales through the
 * DeploymentSync it is given, then writes the Deployment's status.
 */

type Stored = Readonly<KubeObject>;

/** A `kubectl scale` (or any replicas change) rather than a template change? */
export function isScalingEvent(sync: DeploymentSync, replicaSets: readonly Stored[]): boolean {
  const { newRS, oldRSs } = sync.allReplicaSets(replicaSets, false);
  return [...oldRSs, ...optional(newRS)]
    .filter((rs) => desiredReplicas(rs) > 0)
    .some((rs) => {
      const desired = Number.parseInt(
        rs.metadata.annotations?.[desiredReplicasAnnotation] ?? '',
        10,
      );
      return !Number.isNaN(desired) && desired !== desiredReplicas(sync.deployment);
    });
}

export function syncScale(sync: DeploymentSync, replicaSets: readonly Stored[]): void {
  const { newRS, oldRSs } = sync.allReplicaSets(replicaSets, false);
  scale(sync, newRS, oldRSs);
  if (sync.deployment.spec?.paused) sync.cleanup(sync.refresh(oldRSs));
  sync.syncDeploymentStatus(sync.refresh([...oldRSs, newRS]), newRS && sync.fresh(newRS));
}

function scale(sync: DeploymentSync, newRS: Stored | undefined, oldRSs: readonly Stored[]): void {
  const d = sync.deployment;
  const target = activeOrLatest(newRS, oldRSs);
  if (target) {
    sync.scaleIfNeeded(target, desiredReplicas(d));
    return;
  }
  if (newRS && isSaturated(sync, newRS)) {
    for (const old of oldRSs.filter((rs) => desiredReplicas(rs) > 0)) sync.scaleIfNeeded(old, 0);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const active = [...oldRSs, ...optional(newRS)].filter((rs) => desiredReplicas(rs) > 0);
  const sizes = proportionalSizes(d, active);
  for (const rs of active) sync.scaleReplicaSet(rs, sizes.get(rs.metadata.name!)!);
}

function isSaturated(sync: DeploymentSync, rs: Stored): boolean {
  const replicas = desiredReplicas(sync.deployment);
  return (
    rs.metadata.annotations?.[desiredReplicasAnnotation] === String(replicas) &&
    desiredReplicas(rs) === replicas &&
    (rs.status?.availableReplicas ?? 0) === replicas
  );
}

export function rolloutRolling(sync: DeploymentSync, replicaSets: readonly Stored[]): void {
  const { newRS, oldRSs } = sync.allReplicaSets(replicaSets, true);
  if (!newRS) return;
  const all = [...oldRSs, newRS];
  if (reconcileNewReplicaSet(sync, all, newRS)) {
    return sync.syncRolloutStatus(sync.refresh(all), sync.fresh(newRS));
  }
  const active = oldRSs.filter((rs) => desiredReplicas(rs) > 0);
  if (reconcileOldReplicaSets(sync, all, active, newRS)) {
    return sync.syncRolloutStatus(sync.refresh(all), sync.fresh(newRS));
  }
  if (deploymentComplete(sync.deployment, sync.deployment.status ?? {})) sync.cleanup(oldRSs);
  sync.syncRolloutStatus(sync.refresh(all), sync.fresh(newRS));
}

function reconcileNewReplicaSet(
  sync: DeploymentSync,
  all: readonly Stored[],
  newRS: Stored,
): boolean {
  const replicas = desiredReplicas(sync.deployment);
  if (desiredReplicas(newRS) === replicas) return false;
  if (desiredReplicas(newRS) > replicas) return sync.scaleIfNeeded(newRS, replicas).scaled;
  return sync.scaleIfNeeded(newRS, newReplicaSetReplicas(sync.deployment, all, newRS)).scaled;
}

/** Scales old ReplicaSets down as far as maxUnavailable allows, unhealthy pods first. */
function reconcileOldReplicaSets(
  sync: DeploymentSync,
  all: readonly Stored[],
  oldRSs: readonly Stored[],
  newRS: Stored,
): boolean {
  if (sumReplicas(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(sync.deployment) - maxUnavailable(sync.deployment);
  const newUnavailable = desiredReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = sumReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;

  let cleaned = 0;
  const afterCleanup: Stored[] = [];
  for (const rs of [...oldRSs].sort(creationOrder)) {
    const replicas = desiredReplicas(rs);
    const available = rs.status?.availableReplicas ?? 0;
    if (cleaned >= maxScaledDown || replicas === 0 || replicas === available) {
      afterCleanup.push(rs);
      continue;
    }
    const count = Math.min(maxScaledDown - cleaned, replicas - available);
    afterCleanup.push(sync.scaleIfNeeded(rs, replicas - count).rs);
    cleaned += count;
  }

  const allAfter = [...afterCleanup, newRS];
  const available = sumStatus(allAfter, 'availableReplicas');
  let scaledDown = 0;
  if (available > minAvailable) {
    const total = available - minAvailable;
    for (const rs of [...afterCleanup].sort(creationOrder)) {
      if (scaledDown >= total) break;
      const replicas = desiredReplicas(rs);
      if (replicas === 0) continue;
      const count = Math.min(replicas, total - scaledDown);
      sync.scaleIfNeeded(rs, replicas - count);
      scaledDown += count;
    }
  }
  return cleaned + scaledDown > 0;
}

export function rolloutRecreate(sync: DeploymentSync, replicaSets: readonly Stored[]): void {
  let { newRS, oldRSs } = sync.allReplicaSets(replicaSets, false);
  let scaledDown = false;
  for (const rs of oldRSs.filter((r) => desiredReplicas(r) > 0)) {
    if (sync.scaleIfNeeded(rs, 0).scaled) scaledDown = true;
  }
  if (scaledDown || oldPodsRunning(sync, oldRSs)) {
    return sync.syncRolloutStatus(sync.refresh([...oldRSs, newRS]), newRS && sync.fresh(newRS));
  }
  if (!newRS) ({ newRS, oldRSs } = sync.allReplicaSets(replicaSets, true));
  if (newRS) sync.scaleIfNeeded(newRS, desiredReplicas(sync.deployment));
  if (deploymentComplete(sync.deployment, sync.deployment.status ?? {})) sync.cleanup(oldRSs);
  sync.syncRolloutStatus(sync.refresh([...oldRSs, newRS]), newRS && sync.fresh(newRS));
}

/** Recreate waits until no pod of an old ReplicaSet is left running (or terminating). */
function oldPodsRunning(sync: DeploymentSync, oldRSs: readonly Stored[]): boolean {
  if (sumStatus(oldRSs, 'replicas') > 0) return true;
  const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid));
  return sync.store
    .scan('/pods', sync.deployment.metadata.namespace)
    .some((pod) => oldUids.has(controllerRefOf(pod)?.uid ?? '') && !isPodTerminal(pod));
}

function optional<T>(value: T | undefined): T[] {
  return value ? [value] : [];
}

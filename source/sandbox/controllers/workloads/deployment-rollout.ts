import { clone, type Json, type KubeObject } from '../../api/kube-object.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import { podTemplateHashLabel } from './pod-template-hash.ts';

/** The arithmetic of Deployment rollouts (deployment/util in kube-controller-manager), pure. */

export const revisionAnnotation = 'deployment.kubernetes.io/revision';
export const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
export const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';

/** Deployment annotations that stay off its ReplicaSets. */
const annotationsNotCopied = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  revisionAnnotation,
  revisionHistoryAnnotation,
  desiredReplicasAnnotation,
  maxReplicasAnnotation,
  'deprecated.deployment.rollback.to',
]);

const maxRevisionHistoryChars = 2000;

type Stored = Readonly<KubeObject>;

export function desiredReplicas(object: Stored): number {
  return object.spec?.replicas ?? 1;
}

export function isRollingUpdate(deployment: Stored): boolean {
  return (deployment.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** An int-or-percent (`25%`, `1`) against a total, rounded up or down as asked. */
export function scaledValue(
  value: number | string | undefined,
  total: number,
  roundUp: boolean,
): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value);
  if (!match) return Number.parseInt(value, 10) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge (rounded up) and maxUnavailable (rounded down); both zero means one unavailable. */
export function resolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  desired: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(deployment: Stored): number {
  if (!isRollingUpdate(deployment)) return 0;
  const rolling = deployment.spec?.strategy?.rollingUpdate ?? {};
  return resolveFenceposts(rolling.maxSurge, rolling.maxUnavailable, desiredReplicas(deployment))
    .surge;
}

export function maxUnavailable(deployment: Stored): number {
  const replicas = desiredReplicas(deployment);
  if (!isRollingUpdate(deployment) || replicas === 0) return 0;
  const rolling = deployment.spec?.strategy?.rollingUpdate ?? {};
  const { unavailable } = resolveFenceposts(rolling.maxSurge, rolling.maxUnavailable, replicas);
  return Math.min(unavailable, replicas);
}

export function sumReplicas(replicaSets: readonly (Stored | undefined)[]): number {
  return replicaSets.reduce((sum, rs) => sum + (rs ? desiredReplicas(rs) : 0), 0);
}

export function sumStatus(
  replicaSets: readonly (Stored | undefined)[],
  field: 'replicas' | 'readyReplicas' | 'availableReplicas' | 'terminatingReplicas',
): number {
  return replicaSets.reduce((sum, rs) => sum + (rs?.status?.[field] ?? 0), 0);
}

/** How many replicas the new ReplicaSet should have now, within the surge allowance. */
export function newReplicaSetReplicas(
  deployment: Stored,
  allReplicaSets: readonly Stored[],
  newReplicaSet: Stored,
): number {
  const replicas = desiredReplicas(deployment);
  if (!isRollingUpdate(deployment)) return replicas;
  const current = sumReplicas(allReplicaSets);
  const maxTotal = replicas + maxSurge(deployment);
  const newReplicas = desiredReplicas(newReplicaSet);
  if (current >= maxTotal) return newReplicas;
  return newReplicas + Math.min(maxTotal - current, replicas - newReplicas);
}

/** The pod template without the `pod-template-hash` label, for comparing templates. */
function withoutHash(template: Json | undefined): Json {
  const copy: Json = clone(template ?? {});
  if (copy.metadata?.labels) {
    delete copy.metadata.labels[podTemplateHashLabel];
    if (Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  }
  return copy;
}

export function templatesEqualIgnoringHash(a: Json | undefined, b: Json | undefined): boolean {
  return semanticallyEqual(withoutHash(a), withoutHash(b));
}

export function creationOrder(a: Stored, b: Stored): number {
  const left = a.metadata.creationTimestamp ?? '';
  const right = b.metadata.creationTimestamp ?? '';
  if (left !== right) return left < right ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** The oldest ReplicaSet whose template is the Deployment's: the "new" one. */
export function findNewReplicaSet(
  deployment: Stored,
  replicaSets: readonly Stored[],
): Stored | undefined {
  return [...replicaSets]
    .sort(creationOrder)
    .find((rs) => templatesEqualIgnoringHash(rs.spec?.template, deployment.spec?.template));
}

export function revisionOf(object: Stored): number {
  const value = Number.parseInt(object.metadata.annotations?.[revisionAnnotation] ?? '', 10);
  return Number.isNaN(value) ? 0 : value;
}

export function maxRevision(replicaSets: readonly Stored[]): number {
  return replicaSets.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

/** Copies the Deployment's own annotations onto the ReplicaSet; true if anything changed. */
export function copyDeploymentAnnotations(deployment: Stored, rs: KubeObject): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) {
    if (annotationsNotCopied.has(key) || rs.metadata.annotations?.[key] === value) continue;
    rs.metadata.annotations = { ...rs.metadata.annotations, [key]: value };
    changed = true;
  }
  return changed;
}

/**
 * Annotates the new ReplicaSet with its revision (keeping earlier ones in revision-history
 * when an old template comes back) and, when it is being created, the replica counts.
 */
export function setNewReplicaSetAnnotations(
  deployment: Stored,
  rs: KubeObject,
  newRevision: number,
  exists: boolean,
): boolean {
  let changed = copyDeploymentAnnotations(deployment, rs);
  const annotations = { ...rs.metadata.annotations };
  const oldRevision = annotations[revisionAnnotation];
  const oldRevisionNumber = oldRevision ? Number.parseInt(oldRevision, 10) || 0 : 0;
  if (oldRevisionNumber < newRevision) {
    annotations[revisionAnnotation] = String(newRevision);
    changed = true;
    if (oldRevision) {
      const history = annotations[revisionHistoryAnnotation];
      let entries = history ? history.split(',') : [];
      entries = [...entries, oldRevision];
      while (entries.join(',').length > maxRevisionHistoryChars) entries.shift();
      annotations[revisionHistoryAnnotation] = entries.join(',');
    }
  }
  rs.metadata.annotations = annotations;
  if (!exists) {
    setReplicasAnnotations(
      rs,
      desiredReplicas(deployment),
      desiredReplicas(deployment) + maxSurge(deployment),
    );
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: Stored, desired: number, max: number): boolean {
  const annotations = rs.metadata.annotations ?? {};
  return (
    annotations[desiredReplicasAnnotation] !== String(desired) ||
    annotations[maxReplicasAnnotation] !== String(max)
  );
}

export function setReplicasAnnotations(rs: KubeObject, desired: number, max: number): void {
  rs.metadata.annotations = {
    ...rs.metadata.annotations,
    [desiredReplicasAnnotation]: String(desired),
    [maxReplicasAnnotation]: String(max),
  };
}

/**
 * The ReplicaSet to scale when the Deployment is not mid-rollout: the only active one, or,
 * with none active, the new one (else the newest old one). Undefined when several are active.
 */
export function activeOrLatest(
  newReplicaSet: Stored | undefined,
  oldReplicaSets: readonly Stored[],
): Stored | undefined {
  if (!newReplicaSet && oldReplicaSets.length === 0) return undefined;
  const newestFirst = [...oldReplicaSets].sort((a, b) => creationOrder(b, a));
  const active = [...newestFirst, ...(newReplicaSet ? [newReplicaSet] : [])].filter(
    (rs) => desiredReplicas(rs) > 0,
  );
  if (active.length === 0) return newReplicaSet ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

/**
 * Proportional scaling in the middle of a rollout: each active ReplicaSet's new size, so
 * that a `kubectl scale` spreads over old and new in proportion to their sizes, leftovers
 * going to the largest (newest when scaling up, oldest when scaling down).
 */
export function proportionalSizes(
  deployment: Stored,
  activeReplicaSets: readonly Stored[],
): Map<string, number> {
  const replicas = desiredReplicas(deployment);
  const allowed = replicas > 0 ? replicas + maxSurge(deployment) : 0;
  const toAdd = allowed - sumReplicas(activeReplicaSets);
  const sorted = [...activeReplicaSets].sort((a, b) => {
    const size = desiredReplicas(b) - desiredReplicas(a);
    if (size !== 0) return size;
    return toAdd > 0 ? creationOrder(b, a) : creationOrder(a, b);
  });
  const sizes = new Map<string, number>();
  let added = 0;
  for (const rs of sorted) {
    let proportion = 0;
    if (toAdd !== 0 && toAdd !== added && desiredReplicas(rs) > 0) {
      const fraction = replicaSetFraction(rs, deployment);
      const room = toAdd - added;
      proportion = toAdd > 0 ? Math.min(fraction, room) : Math.max(fraction, room);
    }
    sizes.set(rs.metadata.name!, desiredReplicas(rs) + proportion);
    added += proportion;
  }
  const first = sorted[0];
  if (first && toAdd !== 0) {
    const name = first.metadata.name!;
    sizes.set(name, Math.max(0, sizes.get(name)! + toAdd - added));
  }
  return sizes;
}

function replicaSetFraction(rs: Stored, deployment: Stored): number {
  const replicas = desiredReplicas(deployment);
  if (replicas === 0) return -desiredReplicas(rs);
  const deploymentReplicas = replicas + maxSurge(deployment);
  const annotated = Number.parseInt(rs.metadata.annotations?.[maxReplicasAnnotation] ?? '', 10);
  const base = Number.isNaN(annotated) ? (deployment.status?.replicas ?? 0) : annotated;
  if (base === 0) return 0;
  return Math.round((desiredReplicas(rs) * deploymentReplicas) / base) - desiredReplicas(rs);
}

/** Complete: every replica updated, available, and the latest spec observed. */
export function deploymentComplete(deployment: Stored, status: Json): boolean {
  const replicas = desiredReplicas(deployment);
  return (
    (status.updatedReplicas ?? 0) === replicas &&
    (status.replicas ?? 0) === replicas &&
    (status.availableReplicas ?? 0) === replicas &&
    (status.observedGeneration ?? 0) >= (deployment.metadata.generation ?? 1)
  );
}

/** Progress since the last status: more updated, ready or available pods, or fewer old ones. */
export function deploymentProgressing(deployment: Stored, status: Json): boolean {
  const old: Json = deployment.status ?? {};
  const oldReplicas = (s: Json) => (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0) ||
    oldReplicas(status) < oldReplicas(old)
  );
}

import { clone, type Json, type KubeObject } from '../../api/kube-object.ts';
import type { ResourceOps } from '../../api/resource-ops.ts';
import { ApiError } from '../../api/status.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { EventRecorder } from '../event-recorder.ts';
import { byControllerManager } from '../field-managers.ts';
import { controllerReferenceTo, isControlledBy } from '../owner-references.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import { claimOwnedObjects } from './claim-owned-objects.ts';
import {
  conditionOf,
  newCondition,
  deploymentReasons as reasons,
  withCondition,
} from './deployment-conditions.ts';
import {
  creationOrder,
  desiredReplicas,
  findNewReplicaSet,
  maxRevision,
  maxSurge,
  newReplicaSetReplicas,
  replicasAnnotationsNeedUpdate,
  revisionAnnotation,
  revisionOf,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  templatesEqualIgnoringHash,
} from './deployment-rollout.ts';
import {
  calculateDeploymentStatus,
  hasProgressDeadline,
  msUntilProgressCheck,
  rolloutStatus,
} from './deployment-status.ts';
import {
  isScalingEvent,
  rolloutRecreate,
  rolloutRolling,
  syncScale,
} from './deployment-strategies.ts';
import { computePodTemplateHash, podTemplateHashLabel } from './pod-template-hash.ts';

const deploymentsId = 'apps/deployments';
const replicaSetsId = 'apps/replicasets';

export interface DeploymentSyncDeps {
  ops: ResourceOps;
  recorder: EventRecorder;
  /** Asks for another sync of this Deployment after `ms` (to notice a missed deadline). */
  requeueAfter(ms: number): void;
}

type Stored = Readonly<KubeObject>;

/**
 * One sync of one Deployment, following kube-controller-manager's deployment controller:
 * claim ReplicaSets, then either scale (a replicas change, or paused) or roll out (rolling
 * update within maxSurge/maxUnavailable, or recreate), clean up old revisions beyond
 * revisionHistoryLimit, and report status with the Available and Progressing conditions.
 * The scaling and rollout steps live in deployment-strategies.ts and act through the
 * ReplicaSet and status methods here.
 */
export class DeploymentSync {
  private d: KubeObject;
  private readonly replicaSetsDef = resourceById(replicaSetsId);
  private readonly deploymentsDef = resourceById(deploymentsId);

  constructor(
    private readonly deps: DeploymentSyncDeps,
    deployment: KubeObject,
  ) {
    this.d = clone(deployment);
  }

  get store() {
    return this.deps.ops.store;
  }

  /** The Deployment as last written. */
  get deployment(): Readonly<KubeObject> {
    return this.d;
  }

  run(): void {
    const selector = this.d.spec?.selector;
    if (
      !selector ||
      (Object.keys(selector.matchLabels ?? {}).length === 0 &&
        (selector.matchExpressions ?? []).length === 0)
    ) {
      this.deps.recorder.warning(
        this.d,
        'SelectingAll',
        'This deployment is selecting all pods. A non-empty selector is required.',
      );
      return;
    }
    const replicaSets = this.claimReplicaSets();
    if (this.d.metadata.deletionTimestamp) {
      const { newRS, oldRSs } = this.allReplicaSets(replicaSets, false);
      return this.syncDeploymentStatus(newRS ? [...oldRSs, newRS] : oldRSs, newRS);
    }
    this.checkPausedConditions();
    if (this.d.spec?.paused || isScalingEvent(this, replicaSets))
      return syncScale(this, replicaSets);
    if (this.d.spec?.strategy?.type === 'Recreate') return rolloutRecreate(this, replicaSets);
    return rolloutRolling(this, replicaSets);
  }

  // ---- ReplicaSets ----

  /** The Deployment's ReplicaSets, after adopting matching orphans and releasing strays. */
  private claimReplicaSets(): Stored[] {
    const candidates = this.store.scan(replicaSetsId, this.d.metadata.namespace);
    return claimOwnedObjects(
      this.deps.ops,
      this.replicaSetsDef,
      this.d,
      candidates,
      (rs) => !rs.metadata.deletionTimestamp,
    );
  }

  fresh(rs: Stored): KubeObject | undefined {
    return this.store.get(replicaSetsId, rs.metadata.namespace, rs.metadata.name!);
  }

  refresh(replicaSets: readonly (Stored | undefined)[]): KubeObject[] {
    return replicaSets.flatMap((rs) => {
      const current = rs && this.fresh(rs);
      return current ? [current] : [];
    });
  }

  /** Splits into the new ReplicaSet (creating it if asked) and the old ones. */
  allReplicaSets(
    replicaSets: readonly Stored[],
    createIfMissing: boolean,
  ): { newRS: KubeObject | undefined; oldRSs: KubeObject[] } {
    const existing = findNewReplicaSet(this.d, replicaSets);
    const old = replicaSets.filter((rs) => rs.metadata.uid !== existing?.metadata.uid);
    const newRS = this.newReplicaSet(old, existing, createIfMissing);
    return { newRS, oldRSs: this.refresh(old) };
  }

  private newReplicaSet(
    oldRSs: readonly Stored[],
    existing: Stored | undefined,
    createIfMissing: boolean,
  ): KubeObject | undefined {
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing) return this.syncNewReplicaSet(existing, newRevision);
    if (!createIfMissing) return undefined;
    return this.createNewReplicaSet(oldRSs, newRevision);
  }

  /** Brings the existing new ReplicaSet's annotations and minReadySeconds up to date. */
  private syncNewReplicaSet(existing: Stored, newRevision: number): KubeObject {
    let rs = clone(existing) as KubeObject;
    const annotationsChanged = setNewReplicaSetAnnotations(this.d, rs, newRevision, true);
    const minReadySeconds = this.d.spec?.minReadySeconds;
    const minReadyChanged = (rs.spec?.minReadySeconds ?? 0) !== (minReadySeconds ?? 0);
    if (annotationsChanged || minReadyChanged) {
      rs.spec = { ...rs.spec, minReadySeconds };
      if (!minReadySeconds) delete rs.spec.minReadySeconds;
      rs = this.deps.ops.update(this.replicaSetsDef, rs, byControllerManager).object;
    }
    const revision = rs.metadata.annotations?.[revisionAnnotation];
    if (revision) this.setRevision(revision);
    if (hasProgressDeadline(this.d) && !conditionOf(this.d.status, 'Progressing')) {
      this.setProgressing(
        'True',
        reasons.foundNewReplicaSet,
        `Found new replica set "${rs.metadata.name}"`,
      );
    }
    return rs;
  }

  /**
   * Creates the ReplicaSet for the current template. A name already taken by another template
   * bumps collisionCount and fails the sync, so the next one hashes differently.
   */
  private createNewReplicaSet(oldRSs: readonly Stored[], newRevision: number): KubeObject {
    const d = this.d;
    const collisionCount: number | undefined = d.status?.collisionCount;
    const rs = replicaSetForTemplate(d, computePodTemplateHash(d.spec?.template, collisionCount));
    const replicas = newReplicaSetReplicas(d, [...oldRSs, rs], rs);
    rs.spec.replicas = replicas;
    setNewReplicaSetAnnotations(d, rs, newRevision, false);

    let created: KubeObject;
    let alreadyExisted = false;
    try {
      created = this.deps.ops.create(this.replicaSetsDef, rs, byControllerManager).object;
    } catch (error) {
      if (!(error instanceof ApiError && error.reason === 'AlreadyExists')) {
        this.deps.recorder.warning(
          d,
          reasons.failedCreate,
          `Failed to create new replica set "${rs.metadata.name}": ${(error as Error).message}`,
        );
        throw error;
      }
      const found = this.store.get(replicaSetsId, d.metadata.namespace, rs.metadata.name!);
      if (
        !found ||
        !isControlledBy(found, d) ||
        !templatesEqualIgnoringHash(found.spec?.template, d.spec?.template)
      ) {
        // A different template hashed to the same name: try again with the next hash.
        this.updateStatus({ ...this.d.status, collisionCount: (collisionCount ?? 0) + 1 });
        throw new Error(`hash collision for ReplicaSet ${rs.metadata.name}`);
      }
      created = found;
      alreadyExisted = true;
    }
    if (!alreadyExisted && replicas > 0) {
      this.deps.recorder.normal(
        d,
        'ScalingReplicaSet',
        `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`,
      );
    }
    this.setRevision(String(newRevision));
    if (!alreadyExisted && hasProgressDeadline(d)) {
      this.setProgressing(
        'True',
        reasons.newReplicaSetCreated,
        `Created new replica set "${created.metadata.name}"`,
      );
    }
    return created;
  }

  /** Scales one ReplicaSet, keeping its desired/max annotations current; records the event. */
  scaleReplicaSet(rs: Stored, replicas: number): { scaled: boolean; rs: KubeObject } {
    const d = this.d;
    const max = desiredReplicas(d) + maxSurge(d);
    const sizeChanges = desiredReplicas(rs) !== replicas;
    if (!sizeChanges && !replicasAnnotationsNeedUpdate(rs, desiredReplicas(d), max)) {
      return { scaled: false, rs: clone(rs) as KubeObject };
    }
    const before = desiredReplicas(rs);
    const copy = clone(rs) as KubeObject;
    copy.spec = { ...copy.spec, replicas };
    setReplicasAnnotations(copy, desiredReplicas(d), max);
    const updated = this.deps.ops.update(this.replicaSetsDef, copy, byControllerManager).object;
    if (sizeChanges) {
      this.deps.recorder.normal(
        d,
        'ScalingReplicaSet',
        `Scaled ${before < replicas ? 'up' : 'down'} replica set ${rs.metadata.name} from ${before} to ${replicas}`,
      );
    }
    return { scaled: sizeChanges, rs: updated };
  }

  scaleIfNeeded(rs: Stored, replicas: number): { scaled: boolean; rs: KubeObject } {
    if (desiredReplicas(rs) === replicas) return { scaled: false, rs: clone(rs) as KubeObject };
    return this.scaleReplicaSet(rs, replicas);
  }

  /** Deletes the oldest scaled-down ReplicaSets beyond `revisionHistoryLimit`. */
  cleanup(oldRSs: readonly Stored[]): void {
    const limit = this.d.spec?.revisionHistoryLimit ?? 10;
    const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const excess = alive.length - limit;
    if (excess <= 0) return;
    const byRevision = [...alive].sort(
      (a, b) => revisionOf(a) - revisionOf(b) || creationOrder(a, b),
    );
    for (const rs of byRevision.slice(0, excess)) {
      if (
        (rs.status?.replicas ?? 0) !== 0 ||
        desiredReplicas(rs) !== 0 ||
        (rs.metadata.generation ?? 1) > (rs.status?.observedGeneration ?? 0)
      )
        continue;
      try {
        this.deps.ops.delete(this.replicaSetsDef, rs.metadata.namespace, rs.metadata.name!, {
          preconditions: { uid: rs.metadata.uid! },
        });
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 404)) throw error;
      }
    }
  }

  // ---- status ----

  private checkPausedConditions(): void {
    if (!hasProgressDeadline(this.d)) return;
    const current = conditionOf(this.d.status, 'Progressing');
    if (current?.reason === reasons.timedOut) return;
    const pausedShown = current?.reason === reasons.paused;
    if (this.d.spec?.paused && !pausedShown) {
      this.setProgressing('Unknown', reasons.paused, 'Deployment is paused');
    } else if (!this.d.spec?.paused && pausedShown) {
      this.setProgressing('Unknown', reasons.resumed, 'Deployment is resumed');
    }
  }

  private setProgressing(status: string, reason: string, message: string): void {
    const condition = newCondition('Progressing', status, reason, message, this.store.now());
    this.updateStatus(withCondition(this.d.status ?? {}, condition));
  }

  syncDeploymentStatus(all: readonly Stored[], newRS: Stored | undefined): void {
    this.updateStatus(calculateDeploymentStatus(this.d, all, newRS, this.store.now()));
  }

  /** Writes the rollout's status; one not done yet is looked at again when its deadline passes. */
  syncRolloutStatus(all: readonly Stored[], newRS: Stored | undefined): void {
    const status = rolloutStatus(this.d, all, newRS, this.store.now(), Date.now());
    this.updateStatus(status);
    const recheckIn = msUntilProgressCheck(this.d, status, Date.now());
    if (recheckIn !== undefined) this.deps.requeueAfter(recheckIn);
  }

  private updateStatus(status: Json): void {
    const next = { ...status };
    if ((next.conditions as Json[] | undefined)?.length === 0) delete next.conditions;
    if (semanticallyEqual(next, this.d.status)) return;
    this.d = this.deps.ops.update(
      this.deploymentsDef,
      { ...this.d, status: next },
      { subresource: 'status', ...byControllerManager },
    ).object;
  }

  /** The `deployment.kubernetes.io/revision` annotation on the Deployment itself. */
  private setRevision(revision: string): void {
    if (this.d.metadata.annotations?.[revisionAnnotation] === revision) return;
    const updated = clone(this.d);
    updated.metadata.annotations = {
      ...updated.metadata.annotations,
      [revisionAnnotation]: revision,
    };
    this.d = this.deps.ops.update(this.deploymentsDef, updated, byControllerManager).object;
  }
}

/** The ReplicaSet for the Deployment's current template, with the template's hash in its name. */
function replicaSetForTemplate(d: Stored, hash: string): KubeObject {
  const template: Json = clone(d.spec?.template ?? {});
  template.metadata = {
    ...template.metadata,
    labels: { ...template.metadata?.labels, [podTemplateHashLabel]: hash },
  };
  const selector: Json = clone(d.spec?.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [podTemplateHashLabel]: hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: template.metadata.labels,
      ownerReferences: [controllerReferenceTo(d)],
    },
    spec: {
      replicas: 0,
      ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector,
      template,
    },
  };
}

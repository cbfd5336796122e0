import { clone, type Json, type KubeObject } from '../../api/kube-object.ts';
import type { ResourceOps } from '../../api/resource-ops.ts';
import { labelSelectorMatches } from '../../api/selectors.ts';
import { ApiError } from '../../api/status.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { EventRecorder } from '../event-recorder.ts';
import { byControllerManager } from '../field-managers.ts';
import { controllerReferenceTo, controllerRefOf, isControlledBy } from '../owner-references.ts';
import { isPodTerminal } from '../pod-state.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import {
  activeOrLatest,
  creationOrder,
  deploymentComplete,
  deploymentProgressing,
  desiredReplicas,
  desiredReplicasAnnotation,
  findNewReplicaSet,
  isRollingUpdate,
  maxRevision,
  maxSurge,
  maxUnavailable,
  newReplicaSetReplicas,
  proportionalSizes,
  replicasAnnotationsNeedUpdate,
  revisionAnnotation,
  revisionOf,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  sumReplicas,
  sumStatus,
  templatesEqualIgnoringHash,
} from './deployment-rollout.ts';
import { computePodTemplateHash, podTemplateHashLabel } from './pod-template-hash.ts';

const deploymentsId = 'apps/deployments';
const replicaSetsId = 'apps/replicasets';
const podsId = '/pods';

/** Condition reasons the real deployment controller uses. */
const reasons = {
  minimumAvailable: 'MinimumReplicasAvailable',
  minimumUnavailable: 'MinimumReplicasUnavailable',
  newReplicaSetCreated: 'NewReplicaSetCreated',
  foundNewReplicaSet: 'FoundNewReplicaSet',
  replicaSetUpdated: 'ReplicaSetUpdated',
  newReplicaSetAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  failedCreate: 'FailedCreate',
} as const;

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

  private get store() {
    return this.deps.ops.store;
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
      return this.syncDeploymentStatus([...oldRSs, ...optional(newRS)], newRS);
    }
    this.checkPausedConditions();
    if (this.d.spec?.paused || this.isScalingEvent(replicaSets)) return this.syncScale(replicaSets);
    if (this.d.spec?.strategy?.type === 'Recreate') return this.rolloutRecreate(replicaSets);
    return this.rolloutRolling(replicaSets);
  }

  // ---- ReplicaSets ----

  /** The Deployment's ReplicaSets, after adopting matching orphans and releasing strays. */
  private claimReplicaSets(): Stored[] {
    const d = this.d;
    const canAdopt = !d.metadata.deletionTimestamp;
    const owned: Stored[] = [];
    for (const rs of this.store.scan(replicaSetsId, d.metadata.namespace)) {
      const ref = controllerRefOf(rs);
      const matches = labelSelectorMatches(d.spec?.selector, rs.metadata.labels);
      if (ref?.uid === d.metadata.uid) {
        if (matches || !canAdopt) owned.push(rs);
        else this.releaseReplicaSet(rs);
      } else if (!ref && matches && canAdopt && !rs.metadata.deletionTimestamp) {
        const adopted = clone(rs) as KubeObject;
        adopted.metadata.ownerReferences = [
          ...(rs.metadata.ownerReferences ?? []),
          controllerReferenceTo(d),
        ];
        owned.push(this.deps.ops.update(this.replicaSetsDef, adopted, byControllerManager).object);
      }
    }
    return owned;
  }

  private releaseReplicaSet(rs: Stored): void {
    const released = clone(rs) as KubeObject;
    released.metadata.ownerReferences = (rs.metadata.ownerReferences ?? []).filter(
      (ref) => ref.uid !== this.d.metadata.uid,
    );
    if (released.metadata.ownerReferences.length === 0) delete released.metadata.ownerReferences;
    this.deps.ops.update(this.replicaSetsDef, released, byControllerManager);
  }

  private fresh(rs: Stored): KubeObject | undefined {
    return this.store.get(replicaSetsId, rs.metadata.namespace, rs.metadata.name!);
  }

  private refresh(replicaSets: readonly (Stored | undefined)[]): KubeObject[] {
    return replicaSets.flatMap((rs) => {
      const current = rs && this.fresh(rs);
      return current ? [current] : [];
    });
  }

  /** Splits into the new ReplicaSet (creating it if asked) and the old ones. */
  private allReplicaSets(
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
    if (existing) {
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
      if (this.hasProgressDeadline() && !this.condition(this.d.status, 'Progressing')) {
        this.updateStatus(
          this.withCondition(
            this.d.status ?? {},
            this.newCondition(
              'Progressing',
              'True',
              reasons.foundNewReplicaSet,
              `Found new replica set "${rs.metadata.name}"`,
            ),
          ),
        );
      }
      return rs;
    }
    if (!createIfMissing) return undefined;

    const d = this.d;
    const collisionCount: number | undefined = d.status?.collisionCount;
    const hash = computePodTemplateHash(d.spec?.template, collisionCount);
    const template: Json = clone(d.spec?.template ?? {});
    template.metadata = {
      ...template.metadata,
      labels: { ...template.metadata?.labels, [podTemplateHashLabel]: hash },
    };
    const selector: Json = clone(d.spec?.selector ?? {});
    selector.matchLabels = { ...selector.matchLabels, [podTemplateHashLabel]: hash };
    const rs: KubeObject = {
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
    if (!alreadyExisted && this.hasProgressDeadline()) {
      this.updateStatus(
        this.withCondition(
          this.d.status ?? {},
          this.newCondition(
            'Progressing',
            'True',
            reasons.newReplicaSetCreated,
            `Created new replica set "${created.metadata.name}"`,
          ),
        ),
      );
    }
    return created;
  }

  /** Scales one ReplicaSet, keeping its desired/max annotations current; records the event. */
  private scaleReplicaSet(rs: Stored, replicas: number): { scaled: boolean; rs: KubeObject } {
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

  private scaleIfNeeded(rs: Stored, replicas: number): { scaled: boolean; rs: KubeObject } {
    if (desiredReplicas(rs) === replicas) return { scaled: false, rs: clone(rs) as KubeObject };
    return this.scaleReplicaSet(rs, replicas);
  }

  // ---- scaling ----

  /** A `kubectl scale` (or any replicas change) rather than a template change? */
  private isScalingEvent(replicaSets: readonly Stored[]): boolean {
    const { newRS, oldRSs } = this.allReplicaSets(replicaSets, false);
    return [...oldRSs, ...optional(newRS)]
      .filter((rs) => desiredReplicas(rs) > 0)
      .some((rs) => {
        const desired = Number.parseInt(
          rs.metadata.annotations?.[desiredReplicasAnnotation] ?? '',
          10,
        );
        return !Number.isNaN(desired) && desired !== desiredReplicas(this.d);
      });
  }

  private syncScale(replicaSets: readonly Stored[]): void {
    const { newRS, oldRSs } = this.allReplicaSets(replicaSets, false);
    this.scale(newRS, oldRSs);
    if (this.d.spec?.paused) this.cleanup(this.refresh(oldRSs));
    this.syncDeploymentStatus(this.refresh([...oldRSs, newRS]), newRS && this.fresh(newRS));
  }

  private scale(newRS: Stored | undefined, oldRSs: readonly Stored[]): void {
    const d = this.d;
    const target = activeOrLatest(newRS, oldRSs);
    if (target) {
      this.scaleIfNeeded(target, desiredReplicas(d));
      return;
    }
    if (newRS && this.isSaturated(newRS)) {
      for (const old of oldRSs.filter((rs) => desiredReplicas(rs) > 0)) this.scaleIfNeeded(old, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const active = [...oldRSs, ...optional(newRS)].filter((rs) => desiredReplicas(rs) > 0);
    const sizes = proportionalSizes(d, active);
    for (const rs of active) this.scaleReplicaSet(rs, sizes.get(rs.metadata.name!)!);
  }

  private isSaturated(rs: Stored): boolean {
    const replicas = desiredReplicas(this.d);
    return (
      rs.metadata.annotations?.[desiredReplicasAnnotation] === String(replicas) &&
      desiredReplicas(rs) === replicas &&
      (rs.status?.availableReplicas ?? 0) === replicas
    );
  }

  // ---- rollouts ----

  private rolloutRolling(replicaSets: readonly Stored[]): void {
    const { newRS, oldRSs } = this.allReplicaSets(replicaSets, true);
    if (!newRS) return;
    const all = [...oldRSs, newRS];
    if (this.reconcileNewReplicaSet(all, newRS)) {
      return this.syncRolloutStatus(this.refresh(all), this.fresh(newRS));
    }
    const active = oldRSs.filter((rs) => desiredReplicas(rs) > 0);
    if (this.reconcileOldReplicaSets(all, active, newRS)) {
      return this.syncRolloutStatus(this.refresh(all), this.fresh(newRS));
    }
    if (deploymentComplete(this.d, this.d.status ?? {})) this.cleanup(oldRSs);
    this.syncRolloutStatus(this.refresh(all), this.fresh(newRS));
  }

  private reconcileNewReplicaSet(all: readonly Stored[], newRS: Stored): boolean {
    const replicas = desiredReplicas(this.d);
    if (desiredReplicas(newRS) === replicas) return false;
    if (desiredReplicas(newRS) > replicas) return this.scaleIfNeeded(newRS, replicas).scaled;
    return this.scaleIfNeeded(newRS, newReplicaSetReplicas(this.d, all, newRS)).scaled;
  }

  /** Scales old ReplicaSets down as far as maxUnavailable allows, unhealthy pods first. */
  private reconcileOldReplicaSets(
    all: readonly Stored[],
    oldRSs: readonly Stored[],
    newRS: Stored,
  ): boolean {
    if (sumReplicas(oldRSs) === 0) return false;
    const minAvailable = desiredReplicas(this.d) - maxUnavailable(this.d);
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
      afterCleanup.push(this.scaleIfNeeded(rs, replicas - count).rs);
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
        this.scaleIfNeeded(rs, replicas - count);
        scaledDown += count;
      }
    }
    return cleaned + scaledDown > 0;
  }

  private rolloutRecreate(replicaSets: readonly Stored[]): void {
    let { newRS, oldRSs } = this.allReplicaSets(replicaSets, false);
    let scaledDown = false;
    for (const rs of oldRSs.filter((r) => desiredReplicas(r) > 0)) {
      if (this.scaleIfNeeded(rs, 0).scaled) scaledDown = true;
    }
    if (scaledDown || this.oldPodsRunning(oldRSs)) {
      return this.syncRolloutStatus(this.refresh([...oldRSs, newRS]), newRS && this.fresh(newRS));
    }
    if (!newRS) ({ newRS, oldRSs } = this.allReplicaSets(replicaSets, true));
    if (newRS) this.scaleIfNeeded(newRS, desiredReplicas(this.d));
    if (deploymentComplete(this.d, this.d.status ?? {})) this.cleanup(oldRSs);
    this.syncRolloutStatus(this.refresh([...oldRSs, newRS]), newRS && this.fresh(newRS));
  }

  /** Recreate waits until no pod of an old ReplicaSet is left running (or terminating). */
  private oldPodsRunning(oldRSs: readonly Stored[]): boolean {
    if (sumStatus(oldRSs, 'replicas') > 0) return true;
    const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid));
    return this.store
      .scan(podsId, this.d.metadata.namespace)
      .some((pod) => oldUids.has(controllerRefOf(pod)?.uid ?? '') && !isPodTerminal(pod));
  }

  /** Deletes the oldest scaled-down ReplicaSets beyond `revisionHistoryLimit`. */
  private cleanup(oldRSs: readonly Stored[]): void {
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

  private hasProgressDeadline(): boolean {
    const deadline = this.d.spec?.progressDeadlineSeconds;
    return deadline !== null && deadline !== 2147483647;
  }

  private progressDeadlineSeconds(): number {
    return this.d.spec?.progressDeadlineSeconds ?? 600;
  }

  private checkPausedConditions(): void {
    if (!this.hasProgressDeadline()) return;
    const current = this.condition(this.d.status, 'Progressing');
    if (current?.reason === reasons.timedOut) return;
    const pausedShown = current?.reason === reasons.paused;
    if (this.d.spec?.paused && !pausedShown) {
      this.updateStatus(
        this.withCondition(
          this.d.status ?? {},
          this.newCondition('Progressing', 'Unknown', reasons.paused, 'Deployment is paused'),
        ),
      );
    } else if (!this.d.spec?.paused && pausedShown) {
      this.updateStatus(
        this.withCondition(
          this.d.status ?? {},
          this.newCondition('Progressing', 'Unknown', reasons.resumed, 'Deployment is resumed'),
        ),
      );
    }
  }

  private syncDeploymentStatus(all: readonly Stored[], newRS: Stored | undefined): void {
    this.updateStatus(this.calculateStatus(all, newRS));
  }

  private calculateStatus(all: readonly Stored[], newRS: Stored | undefined): Json {
    const d = this.d;
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
    let status: Json = Object.fromEntries(Object.entries(counts).filter(([, v]) => v));
    if (reporting) status.terminatingReplicas = sumStatus(all, 'terminatingReplicas');
    status.conditions = clone(d.status?.conditions ?? []);
    if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
    status =
      available >= desiredReplicas(d) - maxUnavailable(d)
        ? this.withCondition(
            status,
            this.newCondition(
              'Available',
              'True',
              reasons.minimumAvailable,
              'Deployment has minimum availability.',
            ),
          )
        : this.withCondition(
            status,
            this.newCondition(
              'Available',
              'False',
              reasons.minimumUnavailable,
              'Deployment does not have minimum availability.',
            ),
          );
    return status;
  }

  private syncRolloutStatus(all: readonly Stored[], newRS: Stored | undefined): void {
    const d = this.d;
    let status = this.calculateStatus(all, newRS);
    if (!this.hasProgressDeadline()) status = this.withoutCondition(status, 'Progressing');
    const current = this.condition(d.status, 'Progressing');
    const complete =
      (status.replicas ?? 0) === (status.updatedReplicas ?? 0) &&
      current?.reason === reasons.newReplicaSetAvailable;
    if (this.hasProgressDeadline() && !complete) {
      const subject = newRS
        ? `ReplicaSet "${newRS.metadata.name}"`
        : `Deployment "${d.metadata.name}"`;
      if (deploymentComplete(d, status)) {
        status = this.withCondition(
          status,
          this.newCondition(
            'Progressing',
            'True',
            reasons.newReplicaSetAvailable,
            `${subject} has successfully progressed.`,
          ),
        );
      } else if (deploymentProgressing(d, status)) {
        const condition = this.newCondition(
          'Progressing',
          'True',
          reasons.replicaSetUpdated,
          `${subject} is progressing.`,
        );
        if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        status = this.withCondition(this.withoutCondition(status, 'Progressing'), condition);
      } else if (this.timedOut(status)) {
        status = this.withCondition(
          status,
          this.newCondition(
            'Progressing',
            'False',
            reasons.timedOut,
            `${subject} has timed out progressing.`,
          ),
        );
      }
    }
    const failure = all
      .map((rs) => this.condition(rs.status, 'ReplicaFailure'))
      .find((c) => c?.status === 'True');
    status = failure
      ? this.withCondition(
          status,
          this.newCondition('ReplicaFailure', 'True', failure.reason, failure.message),
        )
      : this.withoutCondition(status, 'ReplicaFailure');
    this.updateStatus(status);
    this.requeueIfStuck(status);
  }

  private timedOut(status: Json): boolean {
    const condition = this.condition(status, 'Progressing');
    if (!condition) return false;
    if (condition.reason === reasons.newReplicaSetAvailable) return false;
    if (condition.reason === reasons.timedOut) return true;
    const from = Date.parse(condition.lastUpdateTime ?? '');
    return from + this.progressDeadlineSeconds() * 1000 < Date.now();
  }

  /** A rollout that has not finished is looked at again when its deadline passes. */
  private requeueIfStuck(status: Json): void {
    const condition = this.condition(status, 'Progressing');
    if (!this.hasProgressDeadline() || !condition) return;
    if (
      condition.reason === reasons.newReplicaSetAvailable ||
      condition.reason === reasons.timedOut
    )
      return;
    if (deploymentComplete(this.d, status)) return;
    const due =
      Date.parse(condition.lastUpdateTime ?? '') +
      this.progressDeadlineSeconds() * 1000 -
      Date.now();
    this.deps.requeueAfter(Math.max(due, 0) + 1000);
  }

  private condition(status: Json | undefined, type: string): Json | undefined {
    return (status?.conditions as Json[] | undefined)?.find((c) => c.type === type);
  }

  private newCondition(type: string, status: string, reason: string, message: string): Json {
    const now = this.store.now();
    return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
  }

  /** `SetDeploymentCondition`: same status and reason is no change; a moved condition goes last. */
  private withCondition(status: Json, condition: Json): Json {
    const conditions: Json[] = status.conditions ?? [];
    const current = conditions.find((c) => c.type === condition.type);
    if (current && current.status === condition.status && current.reason === condition.reason)
      return status;
    const next = { ...condition };
    if (current && current.status === condition.status)
      next.lastTransitionTime = current.lastTransitionTime;
    return {
      ...status,
      conditions: [...conditions.filter((c) => c.type !== condition.type), next],
    };
  }

  private withoutCondition(status: Json, type: string): Json {
    const conditions = ((status.conditions as Json[] | undefined) ?? []).filter(
      (c) => c.type !== type,
    );
    return { ...status, conditions };
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

function optional<T>(value: T | undefined): T[] {
  return value ? [value] : [];
}

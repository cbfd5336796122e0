import type { Json } from '../../api/kube-object.ts';

/** Condition reasons the real deployment controller uses. */
export const deploymentReasons = {
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

export function conditionOf(status: Json | undefined, type: string): Json | undefined {
  return (status?.conditions as Json[] | undefined)?.find((c) => c.type === type);
}

export function newCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: string,
): Json {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** `SetDeploymentCondition`: same status and reason is no change; a moved condition goes last. */
export function withCondition(status: Json, condition: Json): Json {
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

export function withoutCondition(status: Json, type: string): Json {
  const conditions = ((status.conditions as Json[] | undefined) ?? []).filter(
    (c) => c.type !== type,
  );
  return { ...status, conditions };
}

import type { Json } from '../../api/kube-object.ts';

/** A metav1.Condition as a controller means it; the transition time is filled in on change. */
export interface ConditionUpdate {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  observedGeneration?: number;
}

/**
 * apimachinery's meta.SetStatusCondition: replaces the condition of the same type in place,
 * keeping its lastTransitionTime unless the status changes, or appends a new one. Returns a
 * new list.
 */
export function setStatusCondition(
  conditions: readonly Json[] | undefined,
  update: ConditionUpdate,
  now: string,
): Json[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((condition) => condition.type === update.type);
  const previous = index >= 0 ? list[index] : undefined;
  const condition: Json = {
    type: update.type,
    status: update.status,
    ...(update.observedGeneration !== undefined
      ? { observedGeneration: update.observedGeneration }
      : {}),
    lastTransitionTime:
      previous && previous.status === update.status && previous.lastTransitionTime
        ? previous.lastTransitionTime
        : now,
    reason: update.reason,
    message: update.message,
  };
  if (index >= 0) list[index] = condition;
  else list.push(condition);
  return list;
}

export function conditionStatus(conditions: readonly Json[] | undefined, type: string): string {
  return conditions?.find((condition) => condition.type === type)?.status ?? '';
}

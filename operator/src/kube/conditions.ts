import { formatTime } from './micro-time.js';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

/** A status condition shaped like metav1.Condition (the CRDs' `status.conditions[]`). */
export interface Condition {
  type: string;
  status: ConditionStatus;
  /** CamelCase, for programs: use the reconciler's named constants. */
  reason?: string;
  /** For people: name the workflow, node and field at fault. */
  message?: string;
  observedGeneration?: number;
  /** RFC 3339, when `status` last changed. */
  lastTransitionTime?: string;
}

export type ConditionUpdate = Omit<Condition, 'lastTransitionTime'>;

/**
 * apimachinery's meta.SetStatusCondition without mutation: returns the list with `update` applied. The
 * condition keeps its place and its lastTransitionTime unless its status changes; reason, message and
 * observedGeneration always take the new values. The input list is returned unchanged (same reference)
 * when nothing differs, so a caller can skip the status write.
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  update: ConditionUpdate,
  now: number,
): Condition[] {
  const list = conditions ?? [];
  const index = list.findIndex((condition) => condition.type === update.type);
  const existing = list[index];
  if (!existing) return [...list, { ...update, lastTransitionTime: formatTime(now) }];
  const next: Condition = {
    ...existing,
    ...update,
    lastTransitionTime:
      existing.status === update.status && existing.lastTransitionTime
        ? existing.lastTransitionTime
        : formatTime(now),
  };
  if (sameCondition(existing, next)) return list as Condition[];
  return list.map((condition, i) => (i === index ? next : condition));
}

export function findCondition(
  conditions: readonly Condition[] | undefined,
  type: string,
): Condition | undefined {
  return conditions?.find((condition) => condition.type === type);
}

export function isConditionTrue(conditions: readonly Condition[] | undefined, type: string): boolean {
  return findCondition(conditions, type)?.status === 'True';
}

/** The list without the condition of that type (the same reference when there was none). */
export function removeCondition(conditions: readonly Condition[] | undefined, type: string): Condition[] {
  const list = (conditions ?? []) as Condition[];
  return list.some((condition) => condition.type === type)
    ? list.filter((condition) => condition.type !== type)
    : list;
}

function sameCondition(a: Condition, b: Condition): boolean {
  return (
    a.status === b.status &&
    a.reason === b.reason &&
    a.message === b.message &&
    a.observedGeneration === b.observedGeneration &&
    a.lastTransitionTime === b.lastTransitionTime
  );
}

import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { StepError } from '@budflow/runtime';
import type { StepResultMessage } from '../nats/contracts.js';
import { STEP_ID_ANNOTATION } from './build-step-pod.js';

/** The node annotation buildStepPod sets, named in the error. */
const NODE_ANNOTATION = 'budflow.io/node';
/** Waiting reasons of a pull the kubelet keeps retrying: a registry hiccup clears up, so they fail after a grace period. */
const RETRIED_PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff']);
/** A pull that can never succeed fails at once. */
const HOPELESS_PULL_REASONS = new Set(['InvalidImageName']);

export const DEFAULT_IMAGE_PULL_GRACE_MS = 60_000;

export interface StepPodFailureOptions {
  /** How long an image pull may keep failing before the step fails (default 60 s) */
  imagePullGraceMs?: number;
}

/** The step a Pod runs: the uid of its owner Execution and the step id; undefined for any other Pod. */
export interface StepOfPod {
  executionId: string;
  stepId: string;
  node?: string;
}

export function stepOfPod(pod: V1Pod): StepOfPod | undefined {
  const stepId = pod.metadata?.annotations?.[STEP_ID_ANNOTATION];
  const owner = pod.metadata?.ownerReferences?.find((ref) => ref.kind === 'Execution' && ref.controller);
  if (!stepId || !owner?.uid) return undefined;
  const node = pod.metadata?.annotations?.[NODE_ANNOTATION];
  return { executionId: owner.uid, stepId, ...(node ? { node } : {}) };
}

/** The Pod has ended: its container will not run (again), whatever the outcome. */
export function isTerminal(pod: V1Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/**
 * The step failure a step Pod's state stands for, or undefined while the Pod is fine (pending, running,
 * succeeded; a pull failing for less than the grace period). `now` decides whether a failing pull has persisted,
 * measured from the Pod's start time, so a new leader does not restart the grace period.
 */
export function stepPodFailure(
  pod: V1Pod,
  now: number,
  options: StepPodFailureOptions = {},
): StepResultMessage | undefined {
  const step = stepOfPod(pod);
  if (!step || pod.status?.phase === 'Succeeded') return undefined;
  const error = failureOf(pod, now, options);
  return error ? resultOf(step, pod, error) : undefined;
}

/** A step Pod deleted before it ended (drained node, `kubectl delete`): its step will never report. */
export function deletedStepPodFailure(pod: V1Pod): StepResultMessage | undefined {
  const step = stepOfPod(pod);
  if (!step || isTerminal(pod)) return undefined;
  return resultOf(step, pod, { reason: 'crash', message: 'runner Pod was deleted before its step finished' });
}

/** When a failing image pull of this Pod has persisted long enough to fail the step; undefined when none fails. */
export function imagePullDeadline(pod: V1Pod, options: StepPodFailureOptions = {}): number | undefined {
  if (isTerminal(pod)) return undefined;
  const waiting = containerStatuses(pod).find((s) =>
    RETRIED_PULL_REASONS.has(s.state?.waiting?.reason ?? ''),
  );
  if (!waiting) return undefined;
  const since = timeOf(pod.status?.startTime) ?? timeOf(pod.metadata?.creationTimestamp) ?? 0;
  return since + (options.imagePullGraceMs ?? DEFAULT_IMAGE_PULL_GRACE_MS);
}

type Failure = Pick<StepError, 'message' | 'reason'>;

function failureOf(pod: V1Pod, now: number, options: StepPodFailureOptions): Failure | undefined {
  const statuses = containerStatuses(pod);
  // restartPolicy Never: a terminated container is final, even before the kubelet reports the phase.
  const oomKilled = statuses.find((s) => s.state?.terminated?.reason === 'OOMKilled');
  if (oomKilled) {
    const limit = pod.spec?.containers.find((c) => c.name === oomKilled.name)?.resources?.limits?.memory;
    return {
      reason: 'memory',
      message: `step exceeded its ${limit ? `${limit} ` : ''}memory limit (OOMKilled)`,
    };
  }
  const reason = pod.status?.reason;
  if (reason === 'DeadlineExceeded') {
    return { reason: 'timeout', message: `step timed out after ${pod.spec?.activeDeadlineSeconds ?? '?'}s` };
  }
  if (reason === 'Evicted') {
    return { reason: 'crash', message: `step Pod was evicted: ${pod.status?.message ?? 'no reason given'}` };
  }
  const pull = pullFailure(pod, statuses, now, options);
  if (pull) return pull;
  if (pod.status?.phase === 'Failed')
    return { reason: 'crash', message: `runner Pod failed: ${failedDetail(pod, statuses)}` };
  return undefined;
}

function pullFailure(
  pod: V1Pod,
  statuses: V1ContainerStatus[],
  now: number,
  options: StepPodFailureOptions,
): Failure | undefined {
  const hopeless = statuses.find((s) => HOPELESS_PULL_REASONS.has(s.state?.waiting?.reason ?? ''));
  const retried = statuses.find((s) => RETRIED_PULL_REASONS.has(s.state?.waiting?.reason ?? ''));
  const deadline = imagePullDeadline(pod, options);
  const failing = hopeless ?? (deadline !== undefined && now >= deadline ? retried : undefined);
  if (!failing) return undefined;
  const waiting = failing.state!.waiting!;
  return {
    reason: 'crash',
    message: `runner image could not be pulled: ${waiting.message ?? waiting.reason}`,
  };
}

/** The reason and exit code of the container that ended, else the Pod's own reason. */
function failedDetail(pod: V1Pod, statuses: V1ContainerStatus[]): string {
  const terminated = statuses.map((s) => s.state?.terminated).find((t) => t !== undefined);
  if (terminated) {
    const how = terminated.signal ? `signal ${terminated.signal}` : `exit code ${terminated.exitCode}`;
    const message = terminated.message ? `: ${terminated.message}` : '';
    return `${terminated.reason ?? 'Error'} (${how})${message}`;
  }
  const { reason, message } = pod.status ?? {};
  if (reason || message) return [reason, message].filter(Boolean).join(': ');
  return 'no reason given';
}

function resultOf(step: StepOfPod, pod: V1Pod, failure: Failure): StepResultMessage {
  const { namespace, name } = pod.metadata ?? {};
  const error: StepError = {
    name: 'RunnerError',
    ...failure,
    ...(step.node ? { node: step.node } : {}),
    description: `step Pod ${namespace}/${name}`,
  };
  return { executionId: step.executionId, stepId: step.stepId, result: { ok: false, error } };
}

function containerStatuses(pod: V1Pod): V1ContainerStatus[] {
  return pod.status?.containerStatuses ?? [];
}

/** Pods come as raw JSON (strings) from the informer; client-node's types say Date. */
function timeOf(value: Date | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

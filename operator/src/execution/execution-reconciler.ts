import { toItems, validateWorkflow } from '@budflow/runtime';
import type {
  Execution,
  ExecutionState,
  ExecutionStatus,
  NodeTypeRegistry,
  Workflow,
  WorkflowSpec,
} from '@budflow/runtime';
import type { CreatedRecord } from '../nats/contracts.js';
import { RequeueAfterError, splitObjectKey } from '../kube/index.js';
import type { ExecutionHost } from './execution-host.js';
import { statusSummary } from './status-summary.js';

/** Removes an execution's stored data (its log in JetStream) before Kubernetes deletes the object. */
export const EXECUTION_FINALIZER = 'budflow.io/execution-data';

export const EXECUTION_REASON = {
  workflowNotFound: 'WorkflowNotFound',
  invalidWorkflow: 'InvalidWorkflow',
  failed: 'ExecutionFailed',
} as const;

const FINISHED = new Set(['Succeeded', 'Failed', 'Cancelled']);

export interface ExecutionReconcilerDeps {
  getExecution(namespace: string, name: string): Execution | undefined;
  getWorkflow(namespace: string, name: string): Workflow | undefined;
  writeStatus(execution: Execution, status: ExecutionStatus): Promise<void>;
  /** Adds or removes the finalizer (a metadata write carrying the resourceVersion); returns the updated object */
  setFinalizer(execution: Execution, present: boolean): Promise<Execution>;
  deleteExecution(execution: Execution): Promise<void>;
  warning(execution: Execution, reason: string, message: string): Promise<void>;
  host: ExecutionHost;
  registry: NodeTypeRegistry;
  now(): number;
  /**
   * The Running phase is written only once an execution has run this long (default 0): most executions finish
   * sooner and then cost one status write instead of two.
   */
  runningStatusDelayMs?: number;
}

/**
 * Level-triggered: re-reads the Execution and converges. A new Execution gets its finalizer and starts in the
 * ExecutionHost from a snapshot of its Workflow (later edits of the Workflow do not touch it); status is written
 * on phase changes only (Running, then the final phase with the per-node summary), so an execution costs about
 * three API writes; a finished one is forgotten and deleted after `ttlSecondsAfterFinished`.
 */
export async function reconcileExecution(key: string, deps: ExecutionReconcilerDeps): Promise<void> {
  const { namespace = 'default', name } = splitObjectKey(key);
  let execution = deps.getExecution(namespace, name);
  if (!execution) return;
  const uid = execution.metadata.uid as string | undefined;
  if (!uid) return;
  const finalizers = (execution.metadata as { finalizers?: string[] }).finalizers ?? [];

  if ((execution.metadata as { deletionTimestamp?: string }).deletionTimestamp) {
    if (!finalizers.includes(EXECUTION_FINALIZER)) return;
    await deps.host.remove(uid);
    await deps.setFinalizer(execution, false);
    return;
  }
  const phase = execution.status?.phase;
  if (phase && FINISHED.has(phase)) {
    deps.host.forget(uid);
    return expireAfterFinish(execution, deps);
  }
  // Later writes use the object this write returns: the informer's copy is one resourceVersion behind.
  if (!finalizers.includes(EXECUTION_FINALIZER)) execution = await deps.setFinalizer(execution, true);

  let state = deps.host.state(uid);
  if (!state) {
    const created = createdRecord(execution, deps);
    if ('failure' in created) {
      await deps.warning(execution, created.reason, created.failure);
      await deps.writeStatus(execution, {
        phase: 'Failed',
        finishedAt: new Date(deps.now()).toISOString(),
        error: { message: created.failure },
      });
      return;
    }
    state = await deps.host.ensure(uid, () => created);
  }
  if (
    execution.spec.cancel &&
    (state.status === 'running' || state.status === 'waiting' || state.status === 'new')
  ) {
    await deps.host.cancel(uid, `execution '${name}' was cancelled (spec.cancel)`);
    state = deps.host.state(uid) ?? state;
  }
  await converge(execution, state, deps);
}

/** Writes status when the phase moved; the final write carries the per-node summary and the error. */
async function converge(
  execution: Execution,
  state: ExecutionState,
  deps: ExecutionReconcilerDeps,
): Promise<void> {
  const desired = statusSummary(state);
  const current = execution.status;
  if (current?.phase === desired.phase) return;
  const finished = FINISHED.has(desired.phase!);
  const delay = deps.runningStatusDelayMs ?? 0;
  if (
    !finished &&
    desired.phase === 'Running' &&
    state.startedAt !== undefined &&
    deps.now() < state.startedAt + delay
  ) {
    throw new RequeueAfterError(state.startedAt + delay - deps.now());
  }
  const observedGeneration = (execution.metadata as { generation?: number }).generation;
  const status: ExecutionStatus = finished
    ? { ...current, ...desired, ...(observedGeneration !== undefined ? { observedGeneration } : {}) }
    : {
        ...current,
        phase: desired.phase,
        ...(desired.startedAt ? { startedAt: desired.startedAt } : {}),
        ...(observedGeneration !== undefined ? { observedGeneration } : {}),
      };
  await deps.writeStatus(execution, status);
  if (desired.phase === 'Failed' && desired.error) {
    await deps.warning(
      execution,
      EXECUTION_REASON.failed,
      `${desired.error.node ? `node '${desired.error.node}': ` : ''}${desired.error.message}`,
    );
  }
  if (finished) deps.host.forget(execution.metadata.uid as string);
}

function expireAfterFinish(execution: Execution, deps: ExecutionReconcilerDeps): Promise<void> | void {
  const ttl = execution.spec.ttlSecondsAfterFinished;
  const finishedAt = execution.status?.finishedAt ? Date.parse(execution.status.finishedAt) : undefined;
  if (ttl === undefined || finishedAt === undefined) return;
  const due = finishedAt + ttl * 1000;
  if (deps.now() >= due) return deps.deleteExecution(execution);
  throw new RequeueAfterError(due - deps.now());
}

function createdRecord(
  execution: Execution,
  deps: ExecutionReconcilerDeps,
): CreatedRecord | { failure: string; reason: string } {
  const { namespace = 'default', name } = execution.metadata;
  const workflowName = execution.spec.workflowRef.name;
  let spec: WorkflowSpec | undefined = execution.spec.workflowSnapshot;
  if (!spec) {
    const workflow = deps.getWorkflow(namespace, workflowName);
    if (!workflow) {
      return {
        reason: EXECUTION_REASON.workflowNotFound,
        failure: `workflow '${workflowName}' does not exist in namespace '${namespace}'`,
      };
    }
    const { problems } = validateWorkflow(
      {
        apiVersion: workflow.apiVersion,
        kind: workflow.kind,
        metadata: workflow.metadata,
        spec: workflow.spec,
      },
      deps.registry,
    );
    if (problems.length > 0) {
      return {
        reason: EXECUTION_REASON.invalidWorkflow,
        failure: `workflow '${workflowName}' is not valid: ${problems[0]!.path}: ${problems[0]!.message}`,
      };
    }
    spec = workflow.spec;
  }
  const items = execution.spec.trigger?.items;
  const itemsRef = execution.spec.trigger?.dataRef;
  return {
    kind: 'created',
    namespace,
    name,
    workflowName,
    spec,
    mode: execution.spec.mode ?? 'production',
    ...(items ? { triggerItems: toItems(items) } : {}),
    ...(itemsRef && !items ? { triggerItemsRef: itemsRef } : {}),
    ...(execution.spec.destinationNode ? { destinationNode: execution.spec.destinationNode } : {}),
    at: deps.now(),
  };
}

import { validateWorkflow } from '@budflow/runtime';
import type { Condition, NodeTypeRegistry, Workflow } from '@budflow/runtime';
import { setCondition, splitObjectKey } from '../kube/index.js';

export const WORKFLOW_CONDITION = { valid: 'Valid', ready: 'Ready' } as const;
export const WORKFLOW_REASON = {
  validated: 'Validated',
  invalidSpec: 'InvalidSpec',
  ready: 'Ready',
  notValid: 'NotValid',
} as const;

/** What the Workflow reconciler reads and writes; adapters over the Kubernetes API implement it. */
export interface WorkflowReconcilerDeps {
  getWorkflow(namespace: string, name: string): Workflow | undefined;
  /** Writes `status` through /status with the object's resourceVersion (a conflict throws and requeues) */
  writeStatus(workflow: Workflow, status: NonNullable<Workflow['status']>): Promise<void>;
  warning(workflow: Workflow, reason: string, message: string): Promise<void>;
  registry: NodeTypeRegistry;
  now(): Date;
}

const MAX_MESSAGE = 2000;

/**
 * Level-triggered: re-reads the Workflow, validates it exactly as `budflow validate` does, and converges its
 * conditions and observedGeneration. Writes only when something changed; a user error gets a Warning Event.
 */
export async function reconcileWorkflow(key: string, deps: WorkflowReconcilerDeps): Promise<void> {
  const { namespace = 'default', name } = splitObjectKey(key);
  const workflow = deps.getWorkflow(namespace, name);
  if (!workflow) return;
  const generation = (workflow.metadata as { generation?: number }).generation;
  const { problems } = validateWorkflow(stripStatus(workflow), deps.registry);
  const valid = problems.length === 0;
  const message = valid
    ? 'the workflow is valid'
    : problems
        .map((p) => `${p.path ? `${p.path}: ` : ''}${p.message}`)
        .join('; ')
        .slice(0, MAX_MESSAGE);
  const now = deps.now().getTime();
  let conditions: Condition[] = workflow.status?.conditions ?? [];
  conditions = setCondition(conditions, {
    type: WORKFLOW_CONDITION.valid,
    status: valid ? 'True' : 'False',
    reason: valid ? WORKFLOW_REASON.validated : WORKFLOW_REASON.invalidSpec,
    message,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
  }, now);
  conditions = setCondition(conditions, {
    type: WORKFLOW_CONDITION.ready,
    status: valid ? 'True' : 'False',
    reason: valid ? WORKFLOW_REASON.ready : WORKFLOW_REASON.notValid,
    message: valid ? 'executions of this workflow can start' : 'fix the spec: see the Valid condition',
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
  }, now);
  const status = { ...workflow.status, ...(generation !== undefined ? { observedGeneration: generation } : {}), conditions };
  if (JSON.stringify(status) === JSON.stringify(workflow.status ?? {})) return;
  await deps.writeStatus(workflow, status);
  const wasInvalid = workflow.status?.conditions?.find((c) => c.type === WORKFLOW_CONDITION.valid)?.message === message;
  if (!valid && !wasInvalid) await deps.warning(workflow, WORKFLOW_REASON.invalidSpec, message);
}

/** The manifest as written: status and server-managed metadata are not the user's to validate. */
function stripStatus(workflow: Workflow): unknown {
  const { status: _status, ...rest } = workflow;
  return rest;
}

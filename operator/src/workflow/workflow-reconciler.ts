import { validateWorkflow } from '@budflow/runtime';
import type { Condition, NodeTypeRegistry, Workflow } from '@budflow/runtime';
import { setCondition, splitObjectKey } from '../kube/index.js';
import { webhookConflicts, webhookRegistrations } from './webhook-registrations.js';

export const WORKFLOW_CONDITION = { valid: 'Valid', ready: 'Ready' } as const;
export const WORKFLOW_REASON = {
  validated: 'Validated',
  invalidSpec: 'InvalidSpec',
  ready: 'Ready',
  notValid: 'NotValid',
  webhookPathConflict: 'WebhookPathConflict',
} as const;

/** What the Workflow reconciler reads and writes; adapters over the Kubernetes API implement it. */
export interface WorkflowReconcilerDeps {
  getWorkflow(namespace: string, name: string): Workflow | undefined;
  /** The workflows of a namespace (webhook path conflicts) */
  listWorkflows(namespace: string): Workflow[];
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
  conditions = setCondition(
    conditions,
    {
      type: WORKFLOW_CONDITION.valid,
      status: valid ? 'True' : 'False',
      reason: valid ? WORKFLOW_REASON.validated : WORKFLOW_REASON.invalidSpec,
      message,
      ...(generation !== undefined ? { observedGeneration: generation } : {}),
    },
    now,
  );
  const conflicts = valid ? webhookConflicts(workflow, deps.listWorkflows(namespace)) : [];
  const conflictMessage = conflicts
    .map((c) => `webhook ${c.method} ${c.url} of node '${c.node}' is already served by workflow '${c.owner}'`)
    .join('; ');
  const ready = valid && conflicts.length === 0;
  conditions = setCondition(
    conditions,
    {
      type: WORKFLOW_CONDITION.ready,
      status: ready ? 'True' : 'False',
      reason: ready
        ? WORKFLOW_REASON.ready
        : valid
          ? WORKFLOW_REASON.webhookPathConflict
          : WORKFLOW_REASON.notValid,
      message: ready
        ? 'executions of this workflow can start'
        : valid
          ? conflictMessage.slice(0, MAX_MESSAGE)
          : 'fix the spec: see the Valid condition',
      ...(generation !== undefined ? { observedGeneration: generation } : {}),
    },
    now,
  );
  const webhooks = valid
    ? webhookRegistrations(workflow).map(({ node, method, url }) => ({ node, method, url }))
    : [];
  const status = {
    ...workflow.status,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    conditions,
    ...(webhooks.length ? { webhooks } : {}),
  };
  if (!webhooks.length) delete status.webhooks;
  if (JSON.stringify(status) === JSON.stringify(workflow.status ?? {})) return;
  await deps.writeStatus(workflow, status);
  const wasInvalid =
    workflow.status?.conditions?.find((c) => c.type === WORKFLOW_CONDITION.valid)?.message === message;
  if (!valid && !wasInvalid) await deps.warning(workflow, WORKFLOW_REASON.invalidSpec, message);
  const wasConflicting =
    workflow.status?.conditions?.find((c) => c.type === WORKFLOW_CONDITION.ready)?.message ===
    conflictMessage;
  if (conflicts.length > 0 && !wasConflicting)
    await deps.warning(workflow, WORKFLOW_REASON.webhookPathConflict, conflictMessage);
}

/** The manifest as written: status and server-managed metadata are not the user's to validate. */
function stripStatus(workflow: Workflow): unknown {
  const { status: _status, ...rest } = workflow;
  return rest;
}

import type { Item } from '../spec/items.js';
import type { SubWorkflow, SubWorkflowResult } from '../node-type.js';
import type { StepJob, StepResult } from '../engine/step-job.js';
import { createExecution } from '../engine/create-execution.js';
import { driveExecution } from '../engine/drive-execution.js';
import type { StepEnvironment } from './execute-step.js';
import { executeStep } from './execute-step.js';

const MAX_DEPTH = 10;

/**
 * Runs a sub-workflow (Execute Workflow node) to completion inside the current step: same sandbox, same
 * registry and credentials, its own execution id. Nesting is bounded so a workflow calling itself ends.
 */
export async function runSubWorkflow(
  job: StepJob,
  env: StepEnvironment,
  workflow: SubWorkflow,
  items: Item[],
): Promise<SubWorkflowResult> {
  const depth = job.executionId.split('/sub/').length;
  if (depth > MAX_DEPTH)
    throw new Error(
      `sub-workflows nest deeper than ${MAX_DEPTH} levels (does '${workflow.name}' call itself?)`,
    );
  if (!env.timers)
    throw new Error('sub-workflows cannot run here: no timers were given to the step environment');
  const now = env.now ?? Date.now;
  const state = createExecution({
    executionId: `${job.executionId}/sub/${job.node.name}/${job.runIndex}`,
    workflowName: workflow.name,
    ...(job.workflow.namespace ? { namespace: job.workflow.namespace } : {}),
    spec: workflow.spec,
    registry: env.registry,
    mode: job.mode === 'manual' ? 'manual' : 'trigger',
    vars: job.vars,
    env: job.env,
  });
  const runner = {
    run: (subJob: StepJob, signal: AbortSignal): Promise<StepResult> =>
      executeStep(subJob, { ...env, signal }),
  };
  const final = await driveExecution(
    state,
    { triggerItems: items },
    { runner, clock: { now }, timers: env.timers, ...(env.signal ? { signal: env.signal } : {}) },
  );
  const last = final.lastNodeExecuted;
  return {
    status: final.status,
    outputs: last ? (final.runData[last]?.at(-1)?.data?.main ?? []) : [],
    ...(last ? { lastNode: last } : {}),
    ...(final.error
      ? {
          error: {
            message: final.error.message,
            ...(final.error.node ? { node: final.error.node } : {}),
            ...(final.error.description ? { description: final.error.description } : {}),
          },
        }
      : {}),
  };
}

import type { NodeSpec, StepJob } from '@budflow/runtime';

let seq = 0;

/** A step job for runner tests: one node, one input item `{ n: 1 }` unless `extra` says otherwise; a fresh step id. */
export function stepJob(
  node: Partial<NodeSpec> & Pick<NodeSpec, 'type'>,
  extra: Partial<StepJob> = {},
): StepJob {
  const executionId = extra.executionId ?? 'ex';
  return {
    stepId: `${executionId}/${node.type}/${seq++}/1`,
    executionId,
    workflow: { name: 'wf', active: false },
    node: { name: 'Step', typeVersion: 1, parameters: {}, ...node },
    runIndex: 0,
    attempt: 1,
    inputs: [[{ json: { n: 1 } }]],
    source: [null],
    runData: {},
    nodeContext: {},
    mode: 'manual',
    timezone: 'UTC',
    vars: {},
    env: {},
    now: Date.now(),
    isContinueOnFail: false,
    ...extra,
  };
}

/** A Code node (v2) step running `jsCode`. */
export const codeJob = (
  jsCode: string,
  more: Partial<NodeSpec> = {},
  extra: Partial<StepJob> = {},
): StepJob => stepJob({ type: 'code', typeVersion: 2, parameters: { jsCode }, ...more }, extra);

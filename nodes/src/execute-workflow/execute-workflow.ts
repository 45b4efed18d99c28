import type {
  Item,
  NodeExecutionContext,
  NodeType,
  PairedItem,
  SubWorkflow,
  SubWorkflowResult,
} from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { pairInput } from '../shared/paired-items.js';
import { executeWorkflowParameters } from './execute-workflow-parameters.js';
import { loadSubWorkflow } from './load-sub-workflow.js';

const allOf = (items: readonly Item[]): PairedItem[] => items.map((_, item) => ({ item }));

/** What the sub-workflow starts with: the items' data, without the caller's pairing. */
const asInput = (items: readonly Item[]): Item[] =>
  items.map((item) => ({ json: item.json, ...(item.binary ? { binary: item.binary } : {}) }));

/**
 * Runs the sub-workflow in this step and returns its result; throws when it did not succeed. Without
 * `wait`, its outcome is ignored (n8n does not wait for it; BudFlow still runs it before the step ends).
 */
async function runSubWorkflow(
  ctx: NodeExecutionContext,
  workflow: SubWorkflow,
  items: Item[],
  wait: boolean,
): Promise<SubWorkflowResult> {
  const result = await ctx.executeWorkflow(workflow, asInput(items));
  if (!wait || result.status === 'success') return result;
  if (result.status === 'waiting')
    throw operationError(`The sub-workflow '${workflow.name}' is waiting for a webhook or a form`, {
      description: 'BudFlow cannot resume a sub-workflow that waits without a time limit inside a step yet.',
    });
  const error = result.error;
  throw operationError(
    error?.message ?? `The sub-workflow '${workflow.name}' ended with status ${result.status}`,
    {
      description:
        error?.description ??
        (error?.node ? `in node '${error.node}' of the sub-workflow '${workflow.name}'` : undefined),
    },
  );
}

/** Once with all items: the sub-workflow's last node output, paired by position (else with every item). */
async function runOnce(ctx: NodeExecutionContext, items: Item[], source: string): Promise<Item[][]> {
  try {
    const wait = ctx.getParameter<unknown>('options.waitForSubWorkflow', 0, true) !== false;
    const workflow = await loadSubWorkflow(ctx, source, 0);
    const result = await runSubWorkflow(ctx, workflow, items, wait);
    if (!wait) return [pairInput(items)];
    const output = result.outputs[0] ?? [];
    const sameLength = output.length === items.length;
    return [output.map((item, i) => ({ ...item, pairedItem: sameLength ? { item: i } : allOf(items) }))];
  } catch (error) {
    if (!ctx.continueOnFail) throw error;
    return [[{ json: { error: (error as Error).message }, pairedItem: allOf(items) }]];
  }
}

/**
 * Once per item: each item's run adds its output, paired with the item. Before 1.3 a failed item under
 * continue-on-fail went to an output numbered after the item (n8n's "error branches"), so only the first
 * item's error stays on the output.
 */
async function runEach(ctx: NodeExecutionContext, items: Item[], source: string): Promise<Item[][]> {
  const output: Item[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      const wait = ctx.getParameter<unknown>('options.waitForSubWorkflow', i, true) !== false;
      const workflow = await loadSubWorkflow(ctx, source, i);
      const result = await runSubWorkflow(ctx, workflow, [items[i]!], wait);
      if (!wait) output.push({ ...items[i]!, pairedItem: { item: i } });
      else output.push(...(result.outputs[0] ?? []).map((item) => ({ ...item, pairedItem: { item: i } })));
    } catch (error) {
      const message = (error as Error).message;
      if (!ctx.continueOnFail)
        throw operationError(`Error executing workflow with item at index ${i}`, {
          description: message,
          itemIndex: i,
          cause: error,
        });
      if (ctx.node.typeVersion >= 1.3 || i === 0)
        output.push({ json: { error: message }, pairedItem: { item: i } });
    }
  }
  return [output];
}

async function executeWorkflowNode(ctx: NodeExecutionContext, inputs: Item[][]): Promise<Item[][]> {
  const source = ctx.getParameter<string>('source', 0);
  const items = inputs[0] ?? [];
  return ctx.getParameter('mode', 0) === 'each' ? runEach(ctx, items, source) : runOnce(ctx, items, source);
}

/** Execute Workflow (Execute Sub-workflow): runs another workflow with the items and outputs its result. */
export const executeWorkflow: NodeType = {
  type: 'executeWorkflow',
  n8nType: 'n8n-nodes-base.executeWorkflow',
  displayName: 'Execute Workflow',
  versions: [1, 1.1, 1.2, 1.3],
  inputs: () => 1,
  outputs: () => 1,
  parameters: executeWorkflowParameters,
  execute: executeWorkflowNode,
};

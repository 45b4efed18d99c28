import type { Item, NodeExecutionContext, NodeOutput, NodeType } from '@budflow/runtime';
import { splitInBatchesParameters } from './split-in-batches-parameters.js';
import { markDone, takeBatch } from './take-batch.js';

/** v1: one output; a run with nothing left outputs nothing, which ends the branch. */
function executeV1(ctx: NodeExecutionContext, input: Item[]): NodeOutput {
  return [takeBatch(ctx, input, false).items];
}

/**
 * v2 (outputs loop, done) and v3 (outputs done, loop): each run outputs the next batch on the loop output;
 * the run that finds nothing left outputs every processed item on the done output.
 */
function executeV2V3(ctx: NodeExecutionContext, input: Item[]): NodeOutput {
  const batch = takeBatch(ctx, input, true);
  const done = batch.items.length === 0;
  markDone(ctx, done);
  const [doneItems, loopItems] = done ? [batch.processed, []] : [[], batch.items];
  return ctx.node.typeVersion < 3 ? [loopItems, doneItems] : [doneItems, loopItems];
}

/** Loop Over Items (Split in Batches): hands out its input in batches, one batch per run. */
export const splitInBatches: NodeType = {
  type: 'splitInBatches',
  n8nType: 'n8n-nodes-base.splitInBatches',
  displayName: 'Loop Over Items (Split in Batches)',
  versions: [1, 2, 3],
  loopCapable: true,
  inputs: () => 1,
  outputs: (_parameters, typeVersion) => (typeVersion < 2 ? 1 : 2),
  parameters: splitInBatchesParameters,
  execute: (ctx, inputs) => {
    const input = inputs[0] ?? [];
    return ctx.node.typeVersion < 2 ? executeV1(ctx, input) : executeV2V3(ctx, input);
  },
};

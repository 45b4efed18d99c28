import type { NodeType } from '@budflow/runtime';
import { pairInput } from '../shared/paired-items.js';
import { summarizeItems, summarizeVariant } from './summarize-items.js';
import { summarizeParametersFor } from './summarize-parameters.js';

/** Summarize: sums, counts, min/max, lists and more across items, optionally split into groups. */
export const summarize: NodeType = {
  type: 'summarize',
  n8nType: 'n8n-nodes-base.summarize',
  displayName: 'Summarize',
  versions: [1, 1.1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: summarizeParametersFor,
  execute: (ctx, inputs) => {
    const continueIfNotFound =
      ctx.getParameter<boolean>('options.continueIfFieldNotFound', 0, false) === true;
    const variant = summarizeVariant(ctx.node.typeVersion, continueIfNotFound);
    return [summarizeItems(ctx, pairInput(inputs[0] ?? []), variant)];
  },
};

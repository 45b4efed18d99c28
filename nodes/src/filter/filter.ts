import type { NodeType } from '@budflow/runtime';
import { filterParameters } from './filter-parameters.js';
import { executeFilterV1 } from './filter-v1.js';
import { executeFilterV2 } from './filter-v2.js';

/** Filter: keeps the items that meet the conditions (output 0) and discards the others (output 1). */
export const filter: NodeType = {
  type: 'filter',
  n8nType: 'n8n-nodes-base.filter',
  displayName: 'Filter',
  versions: [1, 2, 2.1, 2.2],
  inputs: () => 1,
  // One connectable output as in n8n (an error output is output 1); the discarded items still come back
  // as a second list, which n8n shows in the run data without letting it be connected.
  outputs: () => 1,
  parameters: filterParameters,
  execute: (ctx, inputs) =>
    ctx.node.typeVersion < 2 ? executeFilterV1(ctx, inputs[0] ?? []) : executeFilterV2(ctx, inputs[0] ?? []),
};

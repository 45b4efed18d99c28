import type { NodeType } from '@budflow/runtime';
import { executeIfV1 } from './if-v1.js';
import { executeIfV2 } from './if-v2.js';
import { ifParameters } from './if-parameters.js';

/** If: routes each item to output 0 (true) or 1 (false). */
export const ifNode: NodeType = {
  type: 'if',
  n8nType: 'n8n-nodes-base.if',
  displayName: 'If',
  versions: [1, 2, 2.1, 2.2],
  inputs: () => 1,
  outputs: () => 2,
  parameters: ifParameters,
  execute: (ctx, inputs) =>
    ctx.node.typeVersion < 2 ? executeIfV1(ctx, inputs[0] ?? []) : executeIfV2(ctx, inputs[0] ?? []),
};

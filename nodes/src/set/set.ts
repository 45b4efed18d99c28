import type { NodeType } from '@budflow/runtime';
import { executeSetV1 } from './set-v1.js';
import { executeSetV3 } from './set-v3.js';
import { setParameters } from './set-parameters.js';

/** Edit Fields (Set): adds, changes and removes item fields. */
export const set: NodeType = {
  type: 'set',
  n8nType: 'n8n-nodes-base.set',
  displayName: 'Edit Fields (Set)',
  versions: [1, 2, 3, 3.1, 3.2, 3.3, 3.4],
  inputs: () => 1,
  outputs: () => 1,
  parameters: setParameters,
  execute: (ctx, inputs) => {
    const items = inputs[0] ?? [];
    return ctx.node.typeVersion < 3 ? executeSetV1(ctx, items) : executeSetV3(ctx, items);
  },
};

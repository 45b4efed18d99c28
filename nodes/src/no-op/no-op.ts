import type { NodeType } from '@budflow/runtime';
import { parameters } from '@budflow/runtime';
import { pairInput } from '../shared/paired-items.js';

const noOpParameters = parameters({});

/** "No Operation, do nothing": passes its items through unchanged. */
export const noOp: NodeType = {
  type: 'noOp',
  n8nType: 'n8n-nodes-base.noOp',
  displayName: 'No Operation, do nothing',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => noOpParameters,
  execute: (_ctx, inputs) => [pairInput(inputs[0] ?? [])],
};

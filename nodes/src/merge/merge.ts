import type { JsonObject, NodeType } from '@budflow/runtime';
import { executeMergeV1 } from './merge-v1.js';
import { executeMergeV2 } from './merge-v2.js';
import { executeMergeV3 } from './merge-v3.js';
import { mergeParameters } from './merge-parameters.js';
import { pairInputs } from '../shared/paired-items.js';

/** Merge v3's `numberInputs` (2 – 10; the default 2 for anything else, an expression included). */
function inputCount(parameters: JsonObject, typeVersion: number): number {
  if (typeVersion < 3) return 2;
  const count = Number(parameters.numberInputs ?? 2);
  return Number.isInteger(count) && count >= 2 && count <= 10 ? count : 2;
}

/** Merge: combines the items of its inputs (append, join by fields or position, cross join, choose a branch). */
export const merge: NodeType = {
  type: 'merge',
  n8nType: 'n8n-nodes-base.merge',
  displayName: 'Merge',
  versions: [1, 2, 2.1, 3, 3.1, 3.2],
  inputs: inputCount,
  outputs: () => 1,
  // Choose Branch (and v1's Wait) needs data on both inputs; the other modes run with whatever arrived.
  requiredInputs: (parameters, typeVersion) => {
    const mode = parameters.mode;
    if (typeVersion < 2) return mode === 'wait' ? [0, 1] : 'any';
    return mode === 'chooseBranch' ? [0, 1] : 'any';
  },
  parameters: mergeParameters,
  execute: (ctx, inputs) => {
    const typeVersion = ctx.node.typeVersion;
    const paired = pairInputs(inputs, inputCount(ctx.node.parameters as JsonObject, typeVersion));
    if (typeVersion < 2) return executeMergeV1(ctx, paired);
    return typeVersion < 3 ? executeMergeV2(ctx, paired) : executeMergeV3(ctx, paired);
  },
};

import type { NodeType } from '@budflow/runtime';
import { parameters } from '@budflow/runtime';
import { pairInput } from '../shared/paired-items.js';

const manualTriggerParameters = parameters({});

/** Starts a workflow by hand: outputs the trigger items the engine gives it (one empty item by default). */
export const manualTrigger: NodeType = {
  type: 'manualTrigger',
  n8nType: 'n8n-nodes-base.manualTrigger',
  displayName: 'Manual Trigger',
  versions: [1],
  isTrigger: true,
  inputs: () => 0,
  outputs: () => 1,
  parameters: () => manualTriggerParameters,
  execute: (_ctx, inputs) => [pairInput(inputs[0] ?? [{ json: {} }])],
};

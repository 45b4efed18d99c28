import type { NodeType } from '@budflow/runtime';
import { switchOutputCount } from './switch-outputs.js';
import { switchParameters } from './switch-parameters.js';
import { executeSwitchV1V2 } from './switch-v1-v2.js';
import { executeSwitchV3 } from './switch-v3.js';

/** Switch: routes each item to one (or, from v3, several) of its outputs by rules or an expression. */
export const switchNode: NodeType = {
  type: 'switch',
  n8nType: 'n8n-nodes-base.switch',
  displayName: 'Switch',
  versions: [1, 2, 3, 3.1, 3.2],
  inputs: () => 1,
  outputs: switchOutputCount,
  parameters: switchParameters,
  execute: (ctx, inputs) =>
    ctx.node.typeVersion < 3
      ? executeSwitchV1V2(ctx, inputs[0] ?? [])
      : executeSwitchV3(ctx, inputs[0] ?? []),
};

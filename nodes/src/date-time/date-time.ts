import type { NodeType } from '@budflow/runtime';
import { dateTimeParameters } from './date-time-parameters.js';
import { executeDateTimeV1 } from './date-time-v1.js';
import { executeDateTimeV2 } from './date-time-v2.js';

/** Date & Time: formats, shifts, rounds, compares and takes apart dates. */
export const dateTime: NodeType = {
  type: 'dateTime',
  n8nType: 'n8n-nodes-base.dateTime',
  displayName: 'Date & Time',
  versions: [1, 2],
  inputs: () => 1,
  outputs: () => 1,
  parameters: dateTimeParameters,
  execute: (ctx, inputs) => {
    const items = inputs[0] ?? [];
    return [ctx.node.typeVersion < 2 ? executeDateTimeV1(ctx, items) : executeDateTimeV2(ctx, items)];
  },
};

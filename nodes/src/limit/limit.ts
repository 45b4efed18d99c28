import type { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { Item, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { pairInput } from '../shared/paired-items.js';

const limitParameters = parameters({
  maxItems: param.number().default(1),
  keep: param.options(['firstItems', 'lastItems']).default('firstItems'),
});

/** At most `maxItems` items, the first or the last ones (Limit, and Item Lists' limit). */
export function limitItems(ctx: NodeExecutionContext, items: Item[]): Item[] {
  const maxItems = Number(ctx.getParameter('maxItems', 0, 1));
  if (maxItems > items.length) return items;
  const keep = ctx.getParameter<string>('keep', 0, 'firstItems');
  return keep === 'firstItems' ? items.slice(0, maxItems) : items.slice(items.length - maxItems);
}

/** Limit: removes items beyond a maximum count. */
export const limit: NodeType = {
  type: 'limit',
  n8nType: 'n8n-nodes-base.limit',
  displayName: 'Limit',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: (): z.ZodType<Record<string, unknown>> => limitParameters,
  execute: (ctx, inputs) => [limitItems(ctx, pairInput(inputs[0] ?? []))],
};

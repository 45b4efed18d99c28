import type { Item, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { pairInput } from '../shared/paired-items.js';
import { sortByCode } from './sort-by-code.js';
import { shuffleItems, sortByFields } from './sort-by-fields.js';
import type { SortField } from './sort-by-fields.js';
import { sortParametersFor } from './sort-parameters.js';

/** Items sorted the way Sort (and Item Lists' sort) is configured: simple fields, random or code. */
export function sortItems(ctx: NodeExecutionContext, items: Item[]): Item[] {
  const type = ctx.getParameter<string>('type', 0, 'simple');
  if (type === 'random') return shuffleItems(items);
  if (type === 'simple') {
    const disableDotNotation = ctx.getParameter<boolean>('options.disableDotNotation', 0, false) === true;
    const fields = ctx.getParameter<SortField[] | undefined>('sortFieldsUi.sortField', 0);
    return sortByFields(items, fields, disableDotNotation);
  }
  return sortByCode(items, ctx.getParameter<string>('code', 0, ''), ctx.logger);
}

/** Sort: changes the order of the items. */
export const sort: NodeType = {
  type: 'sort',
  n8nType: 'n8n-nodes-base.sort',
  displayName: 'Sort',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: sortParametersFor,
  execute: (ctx, inputs) => [sortItems(ctx, pairInput(inputs[0] ?? []))],
};

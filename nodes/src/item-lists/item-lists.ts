import type { Item, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { aggregateItems } from '../aggregate/aggregate.js';
import { limitItems } from '../limit/limit.js';
import { removeDuplicateItems } from '../remove-duplicates/remove-duplicate-items.js';
import type { CompareMode } from '../remove-duplicates/remove-duplicate-items.js';
import { operationError } from '../shared/operation-error.js';
import { pairInput } from '../shared/paired-items.js';
import { prepareFieldsArray } from '../shared/prepare-fields-array.js';
import { sortItems } from '../sort/sort.js';
import { splitOutItems } from '../split-out/split-out-items.js';
import { summarizeItems } from '../summarize/summarize-items.js';
import { itemListsParameters } from './item-lists-parameters.js';
import { legacyAggregate } from './legacy-aggregate.js';
import { legacySplitOut } from './legacy-split-out.js';

/** Field names of a remove-duplicates list: text from v3, a collection of `{ fieldName }` before. */
function fieldsOf(ctx: NodeExecutionContext, name: string, label: string): string[] {
  if (ctx.node.typeVersion >= 3) return prepareFieldsArray(ctx.getParameter(name, 0, ''), label);
  return ctx
    .getParameter<Array<{ fieldName: string }>>(`${name}.fields`, 0, [])
    .map((entry) => entry.fieldName);
}

function removeDuplicates(ctx: NodeExecutionContext, items: Item[]): Item[] {
  return removeDuplicateItems(
    items,
    {
      compare: ctx.getParameter<CompareMode>('compare', 0, 'allFields'),
      fieldsToExclude: () => fieldsOf(ctx, 'fieldsToExclude', 'Fields To Exclude'),
      fieldsToCompare: () => fieldsOf(ctx, 'fieldsToCompare', 'Fields To Compare'),
      disableDotNotation: ctx.getParameter<boolean>('options.disableDotNotation', 0, false) === true,
      removeOtherFields: ctx.getParameter<boolean>('options.removeOtherFields', 0, false) === true,
    },
    { skipNulls: false, detailedTypeError: false, orderByType: ctx.node.typeVersion >= 3.1 },
  );
}

function summarize(ctx: NodeExecutionContext, items: Item[]): Item[] {
  const version = ctx.node.typeVersion;
  return summarizeItems(ctx, items, {
    flavor: { mathMinMax: version < 3, countIncludesEmpty: false },
    legacy: true,
    keysAsText: true,
    missingField: version < 2.1 ? 'fail' : 'warn',
  });
}

/** The operations of Item Lists: the all-in-one node that Aggregate, Limit, Sort, ... later replaced. */
function execute(ctx: NodeExecutionContext, inputs: Item[][]): Item[][] {
  const items = pairInput(inputs[0] ?? []);
  const legacy = ctx.node.typeVersion < 3;
  const operation = ctx.getParameter<string>('operation', 0, 'splitOutItems');
  switch (operation) {
    case 'splitOutItems':
      return [legacy ? legacySplitOut(ctx, items) : splitOutItems(ctx, items)];
    case 'aggregateItems':
    case 'concatenateItems':
      return [[legacy ? legacyAggregate(ctx, items) : aggregateItems(ctx, items)]];
    case 'removeDuplicates':
      return [removeDuplicates(ctx, items)];
    case 'sort':
      return [sortItems(ctx, items)];
    case 'limit':
      return [limitItems(ctx, items)];
    case 'summarize':
      return [summarize(ctx, items)];
    default:
      throw operationError(`Operation '${operation}' is not recognized`);
  }
}

/** Item Lists (v1 – v3.1): split out, concatenate, remove duplicates, sort, limit and summarize items. */
export const itemLists: NodeType = {
  type: 'itemLists',
  n8nType: 'n8n-nodes-base.itemLists',
  displayName: 'Item Lists',
  versions: [1, 2, 2.1, 3, 3.1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: itemListsParameters,
  execute,
};

import type { Item, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { pairInput } from '../shared/paired-items.js';
import { prepareFieldsArray } from '../shared/prepare-fields-array.js';
import { removeDuplicateItems } from './remove-duplicate-items.js';
import type { CompareMode } from './remove-duplicate-items.js';
import { removeDuplicatesParameters } from './remove-duplicates-parameters.js';

const OPERATION_NAMES: Record<string, string> = {
  removeItemsSeenInPreviousExecutions: 'Remove Items Processed in Previous Executions',
  clearDeduplicationHistory: 'Clear Deduplication History',
};

function removeInputDuplicates(ctx: NodeExecutionContext, items: Item[]): Item[] {
  const later = ctx.node.typeVersion > 1;
  return removeDuplicateItems(
    items,
    {
      compare: ctx.getParameter<CompareMode>('compare', 0, 'allFields'),
      fieldsToExclude: () =>
        prepareFieldsArray(ctx.getParameter('fieldsToExclude', 0, ''), 'Fields To Exclude'),
      fieldsToCompare: () =>
        prepareFieldsArray(ctx.getParameter('fieldsToCompare', 0, ''), 'Fields To Compare'),
      disableDotNotation: ctx.getParameter<boolean>('options.disableDotNotation', 0, false) === true,
      removeOtherFields: ctx.getParameter<boolean>('options.removeOtherFields', 0, false) === true,
    },
    { skipNulls: later, detailedTypeError: later, orderByType: false },
  );
}

/**
 * Remove Duplicates v1 – v2: drops items that repeat an earlier item in all, all but some, or selected
 * fields. v2's operations over previous executions need a store that outlives an execution, which
 * BudFlow does not provide yet; they fail with a clear error instead of passing items through.
 */
function execute(ctx: NodeExecutionContext, inputs: Item[][]): Item[][] {
  const items = pairInput(inputs[0] ?? []);
  const operation =
    ctx.node.typeVersion < 2 ? 'removeDuplicateInputItems' : ctx.getParameter<string>('operation', 0);
  if (operation === 'removeDuplicateInputItems') return [removeInputDuplicates(ctx, items)];
  const name = OPERATION_NAMES[operation] ?? operation;
  throw operationError(`The operation '${name}' is not supported by BudFlow yet`, {
    description:
      'It needs values kept from previous executions, and BudFlow has no store that outlives an execution yet. Use "Remove Items Repeated Within Current Input", or keep the seen values in a database node.',
  });
}

/** Remove Duplicates: removes items with matching field values. */
export const removeDuplicates: NodeType = {
  type: 'removeDuplicates',
  n8nType: 'n8n-nodes-base.removeDuplicates',
  displayName: 'Remove Duplicates',
  versions: [1, 1.1, 2],
  inputs: () => 1,
  outputs: () => 1,
  parameters: removeDuplicatesParameters,
  execute,
};

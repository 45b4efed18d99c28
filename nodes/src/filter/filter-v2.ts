import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { NodeOperationError } from '@budflow/runtime';
import { passesItemFilter } from '../shared/item-filter.js';
import { operationError } from '../shared/operation-error.js';
import { pairInput } from '../shared/paired-items.js';

interface FilterV2Options {
  ignoreCase?: boolean;
  looseTypeValidation?: boolean;
}

/** Loose type validation: a node parameter from 2.1 on, an option before. */
function looseTypes(ctx: NodeExecutionContext, options: FilterV2Options, itemIndex: number): boolean {
  if (ctx.node.typeVersion < 2.1) return options.looseTypeValidation === true;
  return ctx.getParameter<boolean>('looseTypeValidation', itemIndex, false) === true;
}

function keeps(ctx: NodeExecutionContext, itemIndex: number): boolean {
  const options = ctx.getParameter<FilterV2Options>('options', itemIndex, {});
  return passesItemFilter(ctx, 'conditions', itemIndex, {
    caseSensitive: !options.ignoreCase,
    looseTypeValidation: looseTypes(ctx, options, itemIndex),
    version: ctx.node.typeVersion >= 2.2 ? 2 : 1,
  });
}

function asNodeError(error: unknown, itemIndex: number): Error {
  if (error instanceof NodeOperationError) return error;
  if (error instanceof Error && ('description' in error || error.name === 'ExpressionError')) return error;
  return operationError(error instanceof Error ? error.message : String(error), { itemIndex, cause: error });
}

/**
 * Filter v2 – v2.2: n8n's filter conditions (typed operators, and/or). Kept items on output 0, discarded
 * ones on output 1; an item that fails to evaluate is discarded when the node continues on fail.
 */
export function executeFilterV2(ctx: NodeExecutionContext, input: Item[]): Item[][] {
  const kept: Item[] = [];
  const discarded: Item[] = [];
  pairInput(input).forEach((item, itemIndex) => {
    try {
      (keeps(ctx, itemIndex) ? kept : discarded).push(item);
    } catch (error) {
      if (!ctx.continueOnFail) throw asNodeError(error, itemIndex);
      discarded.push(item);
    }
  });
  return [kept, discarded];
}

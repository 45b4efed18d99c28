import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { executeFilter, isFilterValue, resolveFilterOptions } from '../shared/filter/index.js';
import { operationError } from '../shared/operation-error.js';
import { pairInput } from '../shared/paired-items.js';

interface IfV2Options {
  ignoreCase?: boolean;
  looseTypeValidation?: boolean;
}

/** Loose type validation: a node parameter from 2.1 on, an option before. */
function looseTypes(ctx: NodeExecutionContext, options: IfV2Options, itemIndex: number): boolean {
  if (ctx.node.typeVersion < 2.1) return options.looseTypeValidation === true;
  return ctx.getParameter<boolean>('looseTypeValidation', itemIndex, false) === true;
}

function passes(ctx: NodeExecutionContext, itemIndex: number): boolean {
  const options = ctx.getParameter<IfV2Options>('options', itemIndex, {});
  const conditions = ctx.getParameter<unknown>('conditions', itemIndex);
  if (!isFilterValue(conditions)) return Boolean(conditions);
  const filterOptions = resolveFilterOptions(conditions.options, {
    caseSensitive: !options.ignoreCase,
    typeValidation: looseTypes(ctx, options, itemIndex) ? 'loose' : 'strict',
    version: ctx.node.typeVersion >= 2.2 ? 2 : 1,
  });
  try {
    return executeFilter(
      { ...conditions, options: filterOptions },
      { itemIndex, warn: (m) => ctx.logger.warn(m) },
    );
  } catch (error) {
    if (error instanceof Error)
      Object.assign(error, { context: { ...(error as { context?: object }).context, itemIndex } });
    throw error;
  }
}

/** If v2 – v2.2: n8n's filter conditions (typed operators, and/or). Items that fail to evaluate go to false on continue. */
export function executeIfV2(ctx: NodeExecutionContext, input: Item[]): Item[][] {
  const trueItems: Item[] = [];
  const falseItems: Item[] = [];
  pairInput(input).forEach((item, itemIndex) => {
    try {
      (passes(ctx, itemIndex) ? trueItems : falseItems).push(item);
    } catch (error) {
      if (ctx.continueOnFail) {
        falseItems.push(item);
        return;
      }
      if (error instanceof Error && ('description' in error || error.name === 'ExpressionError')) throw error;
      throw operationError(error instanceof Error ? error.message : String(error), {
        itemIndex,
        cause: error,
      });
    }
  });
  return [trueItems, falseItems];
}

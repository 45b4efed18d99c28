import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { compareV1 } from '../if/compare-v1.js';
import { convertDateTimeV1 } from '../shared/convert-date-time-v1.js';
import { operationError } from '../shared/operation-error.js';
import { pairInput } from '../shared/paired-items.js';

interface Comparison {
  value1: unknown;
  operation: string;
  value2: unknown;
}

const DATA_TYPES = ['boolean', 'dateTime', 'number', 'string'] as const;

/** Whether an item is kept: all conditions hold (AND) or any does (OR); no conditions keeps it with AND. */
function keeps(ctx: NodeExecutionContext, itemIndex: number): boolean {
  const any = ctx.getParameter<string>('combineConditions', itemIndex, 'AND') === 'OR';
  for (const dataType of DATA_TYPES) {
    for (const condition of ctx.getParameter<Comparison[]>(`conditions.${dataType}`, itemIndex, [])) {
      const asValue = (value: unknown) => (dataType === 'dateTime' ? convertDateTimeV1(value) : value);
      const compare = compareV1[condition.operation];
      if (!compare)
        throw operationError(`Unknown operation '${condition.operation}' for ${dataType} conditions`, {
          itemIndex,
        });
      const result = compare(asValue(condition.value1), asValue(condition.value2));
      if (result && any) return true;
      if (!result && !any) return false;
    }
  }
  return !any;
}

/** Filter v1: `conditions` by value type, combined with AND or OR; kept items on output 0, the rest on 1. */
export function executeFilterV1(ctx: NodeExecutionContext, input: Item[]): Item[][] {
  const kept: Item[] = [];
  const discarded: Item[] = [];
  pairInput(input).forEach((item, itemIndex) => (keeps(ctx, itemIndex) ? kept : discarded).push(item));
  return [kept, discarded];
}

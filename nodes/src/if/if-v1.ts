import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { DateTime } from 'luxon';
import { compareV1 } from './compare-v1.js';
import { operationError } from '../shared/operation-error.js';
import { pairInput } from '../shared/paired-items.js';

interface Comparison {
  value1: unknown;
  operation: string;
  value2: unknown;
}

const DATA_TYPES = ['boolean', 'dateTime', 'number', 'string'] as const;

/** A date as milliseconds, as If v1 compares dates (strings are parsed by `Date`). */
function toMillis(value: unknown): number {
  let millis: number | undefined;
  if (typeof value === 'string') millis = new Date(value).getTime();
  else if (typeof value === 'number') millis = value;
  else if (value instanceof Date) millis = value.getTime();
  else if (DateTime.isDateTime(value)) millis = value.toMillis();
  if (millis === undefined || Number.isNaN(millis))
    throw operationError(`The value "${String(value)}" is not a valid DateTime.`);
  return millis;
}

function passes(ctx: NodeExecutionContext, itemIndex: number): boolean {
  const any = ctx.getParameter<string>('combineOperation', itemIndex, 'all') === 'any';
  for (const dataType of DATA_TYPES) {
    for (const comparison of ctx.getParameter<Comparison[]>(`conditions.${dataType}`, itemIndex, [])) {
      let { value1, value2 } = comparison;
      if (dataType === 'dateTime') {
        value1 = toMillis(value1);
        value2 = toMillis(value2);
      }
      const compare = compareV1[comparison.operation];
      if (!compare)
        throw operationError(`Unknown operation '${comparison.operation}' for ${dataType} conditions`, {
          itemIndex,
        });
      const result = compare(value1, value2);
      if (result && any) return true;
      if (!result && !any) return false;
    }
  }
  return !any;
}

/** If v1: `conditions` by value type, all or any of them must hold. */
export function executeIfV1(ctx: NodeExecutionContext, input: Item[]): Item[][] {
  const trueItems: Item[] = [];
  const falseItems: Item[] = [];
  pairInput(input).forEach((item, i) => (passes(ctx, i) ? trueItems : falseItems).push(item));
  return [trueItems, falseItems];
}

import { evaluateOperation } from './evaluate-operation.js';
import { parseConditionValues } from './parse-condition-values.js';
import type { FilterCondition, FilterOptions, FilterValue } from './filter-value.js';

export interface FilterRunOptions {
  itemIndex?: number;
  /** Told about operators and combinators n8n does not know (they evaluate to false) */
  warn?: (message: string) => void;
}

/** One condition of a filter, n8n's `executeFilterCondition`; throws a FilterError on a type problem. */
export function executeFilterCondition(
  condition: FilterCondition,
  options: FilterOptions,
  position: { index: number; itemIndex: number },
  warn?: (message: string) => void,
): boolean {
  const { left, right } = parseConditionValues(condition, options, position);
  const { type, operation } = condition.operator;
  const result = evaluateOperation(type, operation, left, right, !options.caseSensitive);
  if (result !== undefined) return result;
  warn?.(`Unknown filter parameter operator "${type}:${operation}"`);
  return false;
}

/** Whether an item passes a filter: all conditions (`and`) or any (`or`), stopping at the first decisive one. */
export function executeFilter(value: FilterValue, run: FilterRunOptions = {}): boolean {
  const itemIndex = run.itemIndex ?? 0;
  const passes = (condition: FilterCondition, index: number) =>
    executeFilterCondition(condition, value.options ?? {}, { index, itemIndex }, run.warn);
  if (value.combinator === 'and') return value.conditions.every(passes);
  if (value.combinator === 'or') return value.conditions.some(passes);
  run.warn?.(`Unknown filter combinator "${String(value.combinator)}"`);
  return false;
}

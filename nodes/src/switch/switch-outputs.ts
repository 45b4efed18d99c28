import type { JsonObject } from '@budflow/runtime';
import { DEFAULT_RULE_V3 } from './switch-parameters.js';

/** A count written in the parameters, or the default when it is missing, an expression or not a count. */
function countOf(value: unknown, fallback: number): number {
  const count = Number(value ?? fallback);
  return Number.isInteger(count) && count >= 0 ? count : fallback;
}

function listLength(collection: unknown, key: string, fallback: unknown[]): number {
  if (collection === undefined) return fallback.length;
  const list = (collection as JsonObject | null)?.[key];
  return Array.isArray(list) ? list.length : 0;
}

/**
 * How many outputs a Switch has, from its parameters as written (n8n's defaults applied): v1 always 4;
 * v2 and v3 as many as the expression mode's count or the rules (v3 adds the fallback's "extra" output).
 */
export function switchOutputCount(parameters: JsonObject, typeVersion: number): number {
  if (typeVersion < 2) return 4;
  const expressionMode = parameters.mode === 'expression';
  if (typeVersion < 3) {
    return expressionMode ? countOf(parameters.outputsAmount, 4) : listLength(parameters.rules, 'rules', []);
  }
  if (expressionMode) return countOf(parameters.numberOutputs, 4);
  const rules = listLength(parameters.rules, 'values', [DEFAULT_RULE_V3]);
  const options = parameters.options as JsonObject | undefined;
  return rules + (options?.fallbackOutput === 'extra' ? 1 : 0);
}

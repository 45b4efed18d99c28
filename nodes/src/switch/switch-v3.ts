import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { NodeOperationError } from '@budflow/runtime';
import { passesItemFilter } from '../shared/item-filter.js';
import { operationError } from '../shared/operation-error.js';
import { pairInput, pairedWith } from '../shared/paired-items.js';
import { checkOutputIndexV3 } from './check-output-index.js';

interface SwitchV3Options {
  fallbackOutput?: string | number;
  ignoreCase?: boolean;
  looseTypeValidation?: boolean;
  allMatchingOutputs?: boolean;
}

/** Loose type validation: a node parameter from 3.1 on, an option before. */
function looseTypes(ctx: NodeExecutionContext, options: SwitchV3Options, itemIndex: number): boolean {
  if (ctx.node.typeVersion < 3.1) return options.looseTypeValidation === true;
  return ctx.getParameter<boolean>('looseTypeValidation', itemIndex, false) === true;
}

function routeByExpression(ctx: NodeExecutionContext, itemIndex: number, outputCount: number): number {
  const raw = ctx.getParameter<unknown>('output', itemIndex);
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw operationError(`Invalid input for 'Output Index' [item ${itemIndex}]`, {
      itemIndex,
      description: `'output' expects a number but we got '${String(raw)}'`,
    });
  }
  return checkOutputIndexV3(value, outputCount, itemIndex);
}

/** The outputs an item matches in rules mode (all of them with `allMatchingOutputs`, else the first). */
function routeByRules(ctx: NodeExecutionContext, itemIndex: number, ruleCount: number): number[] {
  const options = ctx.getParameter<SwitchV3Options>('options', itemIndex, {});
  const settings = {
    caseSensitive: !options.ignoreCase,
    looseTypeValidation: looseTypes(ctx, options, itemIndex),
    version: ctx.node.typeVersion >= 3.2 ? 2 : 1,
  };
  const matched: number[] = [];
  for (let ruleIndex = 0; ruleIndex < ruleCount; ruleIndex++) {
    if (!passesItemFilter(ctx, `rules.values.${ruleIndex}.conditions`, itemIndex, settings)) continue;
    matched.push(ruleIndex);
    if (!options.allMatchingOutputs) break;
  }
  return matched;
}

/** Where an unmatched item goes: nowhere, the extra output, or the output of the rule it names. */
function fallbackOutput(ctx: NodeExecutionContext, itemIndex: number, outputCount: number): number[] {
  const fallback = ctx.getParameter<SwitchV3Options>('options', itemIndex, {}).fallbackOutput;
  if (fallback === undefined || fallback === 'none') return [];
  if (fallback === 'extra') return [outputCount - 1];
  return [checkOutputIndexV3(fallback, outputCount, itemIndex)];
}

/** Errors that already say what went wrong pass through; anything else becomes a node error for the item. */
function asNodeError(error: unknown, itemIndex: number): Error {
  if (error instanceof NodeOperationError) return error;
  if (error instanceof Error && ('description' in error || error.name === 'ExpressionError')) {
    Object.assign(error, { context: { ...(error as { context?: object }).context, itemIndex } });
    return error;
  }
  return operationError(error instanceof Error ? error.message : String(error), { itemIndex, cause: error });
}

/**
 * Switch v3 – v3.2: rules are n8n filter conditions, one output per rule (plus the "extra" fallback
 * output); or an expression names each item's output. With `allMatchingOutputs` an item goes to every
 * output whose rule it matches.
 */
export function executeSwitchV3(ctx: NodeExecutionContext, input: Item[]): Item[][] {
  const items = pairInput(input);
  const mode = ctx.getParameter<string>('mode', 0, 'rules');
  const rules = ctx.getRawParameter<unknown>('rules.values', []);
  const ruleCount = Array.isArray(rules) ? rules.length : 0;
  const extra = ctx.getParameter<SwitchV3Options>('options', 0, {}).fallbackOutput === 'extra';
  const outputCount =
    mode === 'expression' ? Number(ctx.getParameter('numberOutputs', 0, 4)) : ruleCount + (extra ? 1 : 0);
  const outputs: Item[][] = Array.from({ length: outputCount }, () => []);
  items.forEach((item, itemIndex) => {
    try {
      let targets: number[];
      if (mode === 'expression') targets = [routeByExpression(ctx, itemIndex, outputCount)];
      else if (ruleCount === 0) targets = [];
      else {
        const matched = routeByRules(ctx, itemIndex, ruleCount);
        targets = matched.length > 0 ? matched : fallbackOutput(ctx, itemIndex, outputCount);
      }
      for (const target of targets) outputs[target]!.push(item);
    } catch (error) {
      if (!ctx.continueOnFail) throw asNodeError(error, itemIndex);
      if (outputs.length === 0) outputs.push([]);
      outputs[0]!.push({ json: { error: (error as Error).message }, pairedItem: pairedWith(itemIndex) });
    }
  });
  return outputs.length > 0 ? outputs : [[]];
}

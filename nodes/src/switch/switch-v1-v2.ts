import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { compareV1 } from '../if/compare-v1.js';
import { convertDateTimeV1 } from '../shared/convert-date-time-v1.js';
import { operationError } from '../shared/operation-error.js';
import { pairInput, pairedWith } from '../shared/paired-items.js';
import { checkOutputIndexV1 } from './check-output-index.js';

interface LegacyRule {
  operation: string;
  value2: unknown;
  output?: unknown;
}

const emptyOutputs = (count: number): Item[][] => Array.from({ length: count }, () => []);

/** The output a rules-mode item goes to: the first matching rule's (v1: its `output`, v2: its position). */
function ruleOutput(ctx: NodeExecutionContext, itemIndex: number, outputCount: number): number | undefined {
  const dataType = ctx.getParameter<string>('dataType', 0, 'number');
  const asValue = (value: unknown) => (dataType === 'dateTime' ? convertDateTimeV1(value) : value);
  const value1 = asValue(ctx.getParameter('value1', itemIndex));
  const rules = ctx.getParameter<LegacyRule[]>('rules.rules', itemIndex, []);
  for (const [ruleIndex, rule] of rules.entries()) {
    const compare = compareV1[rule.operation];
    if (!compare) throw operationError(`Unknown operation '${rule.operation}' for ${dataType} rules`);
    if (!compare(value1, asValue(rule.value2))) continue;
    if (ctx.node.typeVersion < 2) return checkOutputIndexV1(rule.output, outputCount);
    if (rule.output !== undefined) checkOutputIndexV1(rule.output, outputCount);
    return ruleIndex;
  }
  const fallback = Number(ctx.getParameter('fallbackOutput', itemIndex, -1));
  return fallback === -1 ? undefined : checkOutputIndexV1(fallback, outputCount);
}

/** How many outputs a v2 Switch fills, decided on the first item as n8n does. */
function outputCountV2(ctx: NodeExecutionContext, mode: string): number {
  if (mode === 'expression') return Number(ctx.getParameter('outputsAmount', 0, 4));
  const rules = ctx.getRawParameter<unknown>('rules.rules', []);
  return Array.isArray(rules) ? rules.length : 0;
}

/**
 * Switch v1 (four fixed outputs, rules name their output) and v2 (one output per rule, or as many as
 * `outputsAmount`): each item goes to the first matching rule's output, the fallback, or the output the
 * expression names.
 */
export function executeSwitchV1V2(ctx: NodeExecutionContext, input: Item[]): Item[][] {
  const items = pairInput(input);
  const firstMode = ctx.getParameter<string>('mode', 0, 'rules');
  const outputs = emptyOutputs(ctx.node.typeVersion < 2 ? 4 : outputCountV2(ctx, firstMode));
  items.forEach((item, itemIndex) => {
    try {
      const mode = ctx.getParameter<string>('mode', itemIndex, 'rules');
      const output =
        mode === 'expression'
          ? checkOutputIndexV1(ctx.getParameter('output', itemIndex), outputs.length)
          : ruleOutput(ctx, itemIndex, outputs.length);
      if (output !== undefined) outputs[output]!.push(item);
    } catch (error) {
      if (!ctx.continueOnFail) throw error;
      if (outputs.length === 0) outputs.push([]);
      outputs[0]!.push({ json: { error: (error as Error).message }, pairedItem: pairedWith(itemIndex) });
    }
  });
  return outputs;
}

import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { addSuffix, mergedBinary, selectMergeMethod } from './clash-handling.js';
import type { ClashOptions } from './clash-handling.js';
import { checkFieldPairs, combineByFields } from './combine-by-fields.js';
import type { CombineByFieldsInput } from './combine-by-fields.js';
import type { FieldPair, JoinMode, OutputDataFrom } from './find-matches.js';
import { multiplex } from './merge-v2.js';
import { operationError } from '../shared/operation-error.js';
import { pairedItemList } from '../shared/paired-items.js';

type Options = CombineByFieldsInput['options'] & { includeUnpaired?: boolean };

/**
 * Items at the same position in every input merged into one. The preferred input (the last, or
 * `preferInputN`) is merged last so its fields win; like n8n, with `addSuffix` the preferred input's
 * unsuffixed fields are merged in as well.
 */
function combineByPosition(clash: ClashOptions, includeUnpaired: boolean, inputs: Item[][]): Item[] {
  const preferredIndex = clash.resolveClash?.includes('preferInput')
    ? Number(clash.resolveClash.replace('preferInput', '')) - 1
    : inputs.length - 1;
  const preferred = inputs[preferredIndex] ?? [];
  const all =
    clash.resolveClash === 'addSuffix' ? inputs.map((items, i) => addSuffix(items, String(i + 1))) : inputs;
  const lengths = [...all.map((items) => items.length), preferred.length];
  const count = includeUnpaired ? Math.max(...lengths) : Math.min(...lengths);
  const merge = selectMergeMethod(clash);
  return Array.from({ length: count }, (_, i): Item => {
    const entries = [...all.map((items) => items[i]), preferred[i]];
    return {
      json: { ...merge({}, ...entries.map((entry) => entry?.json ?? {})) },
      ...mergedBinary(entries),
      pairedItem: entries.flatMap((entry) => pairedItemList(entry)),
    };
  });
}

function chooseBranch(ctx: NodeExecutionContext, inputs: Item[][]): Item[] {
  if (ctx.getParameter<string>('output', 0, 'specifiedInput') === 'empty') {
    const paired = [...(inputs[0] ?? []), ...(inputs[1] ?? [])].flatMap((item) => pairedItemList(item));
    return [{ json: {}, pairedItem: paired }];
  }
  const wanted = Number(ctx.getParameter('useDataOfInput', 0, 1));
  if (wanted > inputs.length) {
    throw operationError(`Input ${wanted} doesn't exist`, {
      description: `The node has only ${inputs.length} inputs, so selecting input ${wanted} is not possible.`,
    });
  }
  return inputs[wanted - 1] ?? [];
}

function fieldPairs(ctx: NodeExecutionContext): FieldPair[] {
  if (ctx.getParameter<boolean>('advanced', 0, false))
    return ctx.getParameter<FieldPair[]>('mergeByFields.values', 0, []);
  return String(ctx.getParameter('fieldsToMatchString', 0, ''))
    .split(',')
    .map((field) => ({ field1: field.trim(), field2: field.trim() }));
}

function combine(ctx: NodeExecutionContext, inputs: Item[][]): Item[] {
  const options = ctx.getParameter<Options>('options', 0, {});
  const clash = options.clashHandling?.values ?? {};
  const combineBy = ctx.getParameter<string>('combineBy', 0, 'combineByFields');
  if (combineBy === 'combineByPosition')
    return combineByPosition(clash, options.includeUnpaired === true, inputs);
  if (combineBy === 'combineAll') return multiplex(clash, inputs[0] ?? [], inputs[1] ?? []);
  return combineByFields({
    input1: inputs[0] ?? [],
    input2: inputs[1] ?? [],
    pairs: checkFieldPairs(fieldPairs(ctx)),
    joinMode: ctx.getParameter<JoinMode>('joinMode', 0, 'keepMatches'),
    outputDataFrom: ctx.getParameter<OutputDataFrom>('outputDataFrom', 0, 'both'),
    options,
    typeVersion: ctx.node.typeVersion,
    preferSecond: 'preferLast',
  });
}

/** Merge v3 – v3.2: append, combine (by fields, by position, all combinations) and choose branch, over 2 – 10 inputs. */
export function executeMergeV3(ctx: NodeExecutionContext, inputs: Item[][]): Item[][] {
  const mode = ctx.getParameter<string>('mode', 0, 'append');
  switch (mode) {
    case 'append':
      return [inputs.flat()];
    case 'combine':
      return [combine(ctx, inputs)];
    case 'chooseBranch':
      return [chooseBranch(ctx, inputs)];
    default:
      throw operationError(`Merge mode '${mode}' is not supported by BudFlow`, {
        description:
          mode === 'combineBySql'
            ? 'SQL queries over inputs (combineBySql) are not available yet.'
            : undefined,
      });
  }
}

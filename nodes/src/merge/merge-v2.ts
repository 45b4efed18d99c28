import type { Item, NodeExecutionContext } from '@budflow/runtime';
import { addSuffix, mergedBinary, selectMergeMethod } from './clash-handling.js';
import type { ClashOptions } from './clash-handling.js';
import { checkFieldPairs, combineByFields } from './combine-by-fields.js';
import type { CombineByFieldsInput } from './combine-by-fields.js';
import type { FieldPair, JoinMode, OutputDataFrom } from './find-matches.js';
import { pairedItemList } from '../shared/paired-items.js';

type Options = CombineByFieldsInput['options'] & { includeUnpaired?: boolean };

function clashOf(options: Options): ClashOptions {
  return options.clashHandling?.values ?? {};
}

/** Input 1 or 2 first, as "prefer input 1" puts input 2's fields under input 1's; suffixes when asked. */
function orderedInputs(clash: ClashOptions, input1: Item[], input2: Item[]): [Item[], Item[]] {
  let [first, second] = clash.resolveClash === 'preferInput1' ? [input2, input1] : [input1, input2];
  if (clash.resolveClash === 'addSuffix') [first, second] = [addSuffix(first, '1'), addSuffix(second, '2')];
  return [first, second];
}

function combinePair(first: Item, second: Item, merge: ReturnType<typeof selectMergeMethod>): Item {
  return {
    json: { ...merge(first.json, second.json) },
    ...mergedBinary([first, second]),
    pairedItem: [...pairedItemList(first), ...pairedItemList(second)],
  };
}

/** Every item of one input with every item of the other ("multiplex", a cross join). */
export function multiplex(clash: ClashOptions, input1: Item[], input2: Item[]): Item[] {
  const [first, second] = orderedInputs(clash, input1, input2);
  const merge = selectMergeMethod(clash);
  return first.flatMap((a) => second.map((b) => combinePair(a, b, merge)));
}

function mergeByPosition(options: Options, input1: Item[], input2: Item[]): Item[] {
  if (input1.length === 0 || input2.length === 0) return [...input1, ...input2];
  const clash = clashOf(options);
  const [first, second] = orderedInputs(clash, input1, input2);
  const count = options.includeUnpaired
    ? Math.max(first.length, second.length)
    : Math.min(first.length, second.length);
  const merge = selectMergeMethod(clash);
  return Array.from({ length: count }, (_, i) => {
    if (i >= first.length) return second[i]!;
    if (i >= second.length) return first[i]!;
    return combinePair(first[i]!, second[i]!, merge);
  });
}

function chooseBranch(ctx: NodeExecutionContext, input1: Item[], input2: Item[]): Item[] {
  const output = ctx.getParameter<string>('output', 0, 'input1');
  if (output === 'input1') return input1;
  if (output === 'input2') return input2;
  return [{ json: {}, pairedItem: [...input1, ...input2].flatMap((item) => pairedItemList(item)) }];
}

/** Merge v2 and v2.1: append, combine (by fields, by position, multiplex) and choose branch. */
export function executeMergeV2(ctx: NodeExecutionContext, inputs: Item[][]): Item[][] {
  const [input1 = [], input2 = []] = inputs;
  const mode = ctx.getParameter<string>('mode', 0, 'append');
  if (mode === 'append') return [[...input1, ...input2]];
  if (mode === 'chooseBranch') return [chooseBranch(ctx, input1, input2)];
  if (mode !== 'combine') return [[]];

  const options = ctx.getParameter<Options>('options', 0, {});
  const combinationMode = ctx.getParameter<string>('combinationMode', 0, 'mergeByFields');
  if (combinationMode === 'multiplex') return [multiplex(clashOf(options), input1, input2)];
  if (combinationMode === 'mergeByPosition') return [mergeByPosition(options, input1, input2)];
  return [
    combineByFields({
      input1,
      input2,
      pairs: checkFieldPairs(ctx.getParameter<FieldPair[]>('mergeByFields.values', 0, [])),
      joinMode: ctx.getParameter<JoinMode>('joinMode', 0, 'keepMatches'),
      outputDataFrom: ctx.getParameter<OutputDataFrom>('outputDataFrom', 0, 'both'),
      options,
      typeVersion: ctx.node.typeVersion,
      preferSecond: 'preferInput2',
    }),
  ];
}

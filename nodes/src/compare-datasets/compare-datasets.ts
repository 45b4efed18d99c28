import type { Item, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { getPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { pairInputs } from '../shared/paired-items.js';
import { compareDatasetsParameters } from './compare-datasets-parameters.js';
import { datasetsCompare } from './datasets-compare.js';
import type { FieldPair } from './describe-difference.js';
import { compareDatasets } from './find-dataset-matches.js';

interface CompareOptions {
  skipFields?: unknown;
  fuzzyCompare?: boolean;
  disableDotNotation?: boolean;
  multipleMatches?: 'first' | 'all';
}

function checkFieldPairs(pairs: FieldPair[]): FieldPair[] {
  if (pairs.length === 1 && pairs[0]!.field1 === '' && pairs[0]!.field2 === '') {
    throw operationError('You need to define at least one pair of fields in "Fields to Match" to match on');
  }
  pairs.forEach((pair, index) => {
    if (pair.field1 === '' || pair.field2 === '') {
      throw operationError(`You need to define both fields in "Fields to Match" for pair ${index + 1},
				 field 1 = '${pair.field1}'
				 field 2 = '${pair.field2}'`);
    }
  });
  return pairs;
}

const hasData = (item: Item) => Object.keys(item.json).length > 0;

/** Items without data are left out; before 2.2 a field to match that no item has is an error. */
function checkInput(
  items: Item[],
  fields: string[],
  label: string,
  strict: boolean,
  disableDotNotation: boolean,
): Item[] {
  const input = items.filter(hasData);
  if (!strict || input.length === 0) return input;
  for (const field of fields) {
    const present = input.some((item) =>
      disableDotNotation
        ? Object.prototype.hasOwnProperty.call(item.json, field)
        : getPath(item.json, field) !== undefined,
    );
    if (!present) throw operationError(`Field '${field}' is not present in any of items in '${label}'`);
  }
  return input;
}

function execute(ctx: NodeExecutionContext, inputs: Item[][]): Item[][] {
  const typeVersion = ctx.node.typeVersion;
  const pairs = checkFieldPairs(ctx.getParameter<FieldPair[]>('mergeByFields.values', 0, []));
  const options = ctx.getParameter<CompareOptions>('options', 0, {});
  const fuzzy =
    typeVersion >= 2
      ? ctx.getParameter<boolean>('fuzzyCompare', 0, false) === true
      : options.fuzzyCompare === true;
  const disableDotNotation = options.disableDotNotation === true;
  const [inputA = [], inputB = []] = pairInputs(inputs, 2);
  const strict = typeVersion < 2.2;
  const itemsA = checkInput(
    inputA,
    pairs.map((pair) => pair.field1),
    'Input A',
    strict,
    disableDotNotation,
  );
  const itemsB = checkInput(
    inputB,
    pairs.map((pair) => pair.field2),
    'Input B',
    strict,
    disableDotNotation,
  );
  const resolve = ctx.getParameter<string>('resolve', 0, '');
  return compareDatasets(itemsA, itemsB, pairs, {
    typeVersion,
    fuzzy,
    resolve,
    disableDotNotation,
    skipFields: String(options.skipFields || '')
      .split(',')
      .map((field) => field.trim()),
    compare: datasetsCompare(fuzzy, typeVersion),
    multipleMatches: options.multipleMatches ?? 'first',
    preferWhenMix: resolve === 'mix' ? ctx.getParameter<string>('preferWhenMix', 0, '') : '',
    exceptWhenMix: resolve === 'mix' ? ctx.getParameter('exceptWhenMix', 0, '') : '',
  });
}

/** Compare Datasets: compares input A with input B by matching fields; four outputs: A only, same, different, B only. */
export const compareDatasetsNode: NodeType = {
  type: 'compareDatasets',
  n8nType: 'n8n-nodes-base.compareDatasets',
  displayName: 'Compare Datasets',
  versions: [1, 2, 2.1, 2.2, 2.3],
  inputs: () => 2,
  outputs: () => 4,
  parameters: compareDatasetsParameters,
  execute,
};

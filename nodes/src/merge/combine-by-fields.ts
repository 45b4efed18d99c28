import type { Item } from '@budflow/runtime';
import { addSuffix } from './clash-handling.js';
import type { ClashOptions } from './clash-handling.js';
import { findMatches } from './find-matches.js';
import type { FieldPair, JoinMode, MatchOptions, OutputDataFrom } from './find-matches.js';
import { mergeMatched } from './merge-matched.js';
import { getPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';

export interface CombineByFieldsInput {
  input1: Item[];
  input2: Item[];
  pairs: FieldPair[];
  joinMode: JoinMode;
  outputDataFrom: OutputDataFrom;
  options: Omit<MatchOptions, 'joinMode' | 'outputDataFrom'> & { clashHandling?: { values?: ClashOptions } };
  typeVersion: number;
  /** The clash option value meaning "input 2 wins" in this version */
  preferSecond: string;
}

/** The field pairs to match on, rejecting empty ones as n8n does. */
export function checkFieldPairs(pairs: FieldPair[]): FieldPair[] {
  if (pairs.length === 1 && pairs[0]!.field1 === '' && pairs[0]!.field2 === '') {
    throw operationError('You need to define at least one pair of fields in "Fields to Match" to match on');
  }
  pairs.forEach((pair, index) => {
    if (pair.field1 === '' || pair.field2 === '') {
      throw operationError(
        `You need to define both fields in "Fields to Match" for pair ${index + 1},\n\t\t\t\t field 1 = '${pair.field1}'\n\t\t\t\t field 2 = '${pair.field2}'`,
      );
    }
  });
  return pairs;
}

/** Merge v2.0 insists that every match field appears in some item of its input. */
function checkFieldsPresent(
  items: Item[],
  fields: string[],
  disableDotNotation: boolean,
  label: string,
): void {
  for (const field of fields) {
    const present = items.some((item) =>
      disableDotNotation
        ? Object.prototype.hasOwnProperty.call(item.json, field)
        : getPath(item.json, field) !== undefined,
    );
    if (!present) throw operationError(`Field '${field}' is not present in any of items in '${label}'`);
  }
}

/** What to output when one input has no items; undefined when both have some. */
function withEmptyInput({
  input1,
  input2,
  joinMode,
  outputDataFrom,
}: CombineByFieldsInput): Item[] | undefined {
  if (input1.length > 0 && input2.length > 0) return undefined;
  if (input1.length === 0 && joinMode === 'keepNonMatches' && outputDataFrom === 'input1') return [];
  if (input2.length === 0 && joinMode === 'keepNonMatches' && outputDataFrom === 'input2') return [];
  if (joinMode === 'keepMatches') return [];
  if (joinMode === 'enrichInput1' && input1.length === 0) return [];
  if (joinMode === 'enrichInput2' && input2.length === 0) return [];
  return [...input1, ...input2];
}

/** Merge "combine by matching fields": n8n's joins (inner, outer, left, right, anti) with clash handling. */
export function combineByFields(input: CombineByFieldsInput): Item[] {
  const { input1, input2, pairs, joinMode, outputDataFrom, options } = input;
  if (input.typeVersion < 2.1) {
    checkFieldsPresent(
      input1,
      pairs.map((p) => p.field1),
      options.disableDotNotation === true,
      'Input 1',
    );
    checkFieldsPresent(
      input2,
      pairs.map((p) => p.field2),
      options.disableDotNotation === true,
      'Input 2',
    );
  }
  const early = withEmptyInput(input);
  if (early) return early;
  if (pairs.length === 0)
    return joinMode === 'keepMatches' || joinMode === 'keepEverything' || joinMode === 'enrichInput2'
      ? []
      : input1;

  const matches = findMatches(input1, input2, pairs, { ...options, joinMode, outputDataFrom });
  const clash = options.clashHandling?.values ?? {};
  const suffixed = clash.resolveClash === 'addSuffix';

  switch (joinMode) {
    case 'keepMatches':
    case 'keepEverything': {
      const merged =
        outputDataFrom === 'input1'
          ? matches.matched.map((match) => match.entry)
          : outputDataFrom === 'input2'
            ? matches.matched2
            : mergeMatched(matches.matched, clash, input.preferSecond);
      if (joinMode === 'keepMatches') return merged;
      const unmatched1 = suffixed ? addSuffix(matches.unmatched1, '1') : matches.unmatched1;
      const unmatched2 = suffixed ? addSuffix(matches.unmatched2, '2') : matches.unmatched2;
      return [...merged, ...unmatched1, ...unmatched2];
    }
    case 'keepNonMatches':
      if (outputDataFrom === 'input1') return matches.unmatched1;
      if (outputDataFrom === 'input2') return matches.unmatched2;
      return [...withSource(matches.unmatched1, 'input1'), ...withSource(matches.unmatched2, 'input2')];
    case 'enrichInput1':
    case 'enrichInput2': {
      const merged = mergeMatched(matches.matched, clash, input.preferSecond, joinMode);
      const [rest, suffix] =
        joinMode === 'enrichInput1' ? [matches.unmatched1, '1'] : [matches.unmatched2, '2'];
      return [...merged, ...(suffixed ? addSuffix(rest, suffix) : rest)];
    }
    default:
      return [];
  }
}

function withSource(items: Item[], source: string): Item[] {
  return items.map((item) => ({ ...item, json: { ...item.json, _source: source } }));
}

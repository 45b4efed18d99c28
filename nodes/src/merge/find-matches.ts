import type { Item } from '@budflow/runtime';
import { fuzzyCompare } from '../shared/fuzzy-compare.js';
import { getPath } from '../shared/object-path.js';

export type JoinMode = 'keepMatches' | 'keepNonMatches' | 'keepEverything' | 'enrichInput1' | 'enrichInput2';
export type OutputDataFrom = 'both' | 'input1' | 'input2';

export interface FieldPair {
  field1: string;
  field2: string;
}

export interface MatchOptions {
  joinMode: JoinMode;
  outputDataFrom: OutputDataFrom;
  disableDotNotation?: boolean;
  fuzzyCompare?: boolean;
  multipleMatches?: 'all' | 'first';
}

/** An input 1 item and the input 2 items it matched. */
export interface EntryMatches {
  entry: Item;
  matches: Item[];
}

export interface Matches {
  matched: EntryMatches[];
  /** Input 2 items that matched something, in input order */
  matched2: Item[];
  unmatched1: Item[];
  unmatched2: Item[];
}

/** Pairs input 1 items with the input 2 items whose fields equal theirs (n8n Merge's `findMatches`). */
export function findMatches(
  input1: Item[],
  input2: Item[],
  pairs: FieldPair[],
  options: MatchOptions,
): Matches {
  const equal = fuzzyCompare(options.fuzzyCompare === true);
  const read = (item: Item, field: string) =>
    options.disableDotNotation ? item.json[field] : getPath(item.json, field);
  const result: Matches = { matched: [], matched2: [], unmatched1: [], unmatched2: [] };
  const matchedInInput2 = new Set<number>();

  for (const entry of input1) {
    const lookup = new Map(pairs.map((pair) => [pair.field2, read(entry, pair.field1)]));
    if ([...lookup.values()].some((value) => value === undefined)) {
      result.unmatched1.push(entry);
      continue;
    }
    const isMatch = (candidate: Item) =>
      [...lookup].every(([field, expected]) => equal(expected, read(candidate, field)));
    const found = input2.flatMap((candidate, index) => (isMatch(candidate) ? [{ candidate, index }] : []));
    const kept = options.multipleMatches === 'first' ? found.slice(0, 1) : found;
    kept.forEach(({ index }) => matchedInInput2.add(index));
    if (kept.length === 0) {
      result.unmatched1.push(entry);
    } else if (
      options.outputDataFrom === 'both' ||
      options.joinMode === 'enrichInput1' ||
      options.joinMode === 'enrichInput2'
    ) {
      for (const { candidate } of kept) result.matched.push({ entry, matches: [candidate] });
    } else {
      result.matched.push({ entry, matches: kept.map(({ candidate }) => candidate) });
    }
  }

  input2.forEach((item, index) =>
    (matchedInInput2.has(index) ? result.matched2 : result.unmatched2).push(item),
  );
  return result;
}

import type { Item } from '@budflow/runtime';
import { getPath, unsetPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { describeDifference } from './describe-difference.js';
import type { DifferenceSettings, FieldPair } from './describe-difference.js';

export interface MatchSettings extends DifferenceSettings {
  multipleMatches: 'first' | 'all';
  preferWhenMix: string;
  exceptWhenMix: unknown;
}

type Json = Record<string, unknown>;

interface Matched {
  entry: Item;
  matches: Item[];
}

/** The indexes of the B items whose fields equal the lookup values (the first one, or all of them). */
function findMatches(inputB: Item[], lookup: Map<string, unknown>, settings: MatchSettings): number[] {
  const matches = (item: Item) =>
    [...lookup].every(([field, expected]) => {
      const actual = settings.disableDotNotation ? item.json[field] : getPath(item.json, field);
      return settings.compare(expected, actual);
    });
  if (settings.multipleMatches === 'all') {
    return inputB.flatMap((item, index) => (matches(item) ? [index] : []));
  }
  const first = inputB.findIndex(matches);
  return first === -1 ? [] : [first];
}

/** An item's data without the fields to skip comparing. */
function withoutSkipped(json: Json, settings: MatchSettings): Json {
  const copy = structuredClone(json);
  for (const field of settings.skipFields) {
    if (settings.disableDotNotation || !field.includes('.')) delete copy[field];
    else unsetPath(copy, field);
  }
  return copy;
}

/** Whether a matched pair is the same: all fields equal, or (fuzzy) every field of A equal to B's. */
function isSame(a: Item, b: Item, settings: MatchSettings): boolean {
  const json1 = withoutSkipped(a.json, settings);
  const json2 = withoutSkipped(b.json, settings);
  if (!settings.fuzzy) return settings.compare(json1, json2);
  return Object.keys(json1).every((key) => settings.compare(json1[key], json2[key]));
}

/** "Use a mix of versions": the preferred item, with the listed fields taken from the other one. */
function mixItems(a: Item, b: Item, settings: MatchSettings): Item {
  const [preferred, other] = settings.preferWhenMix === 'input1' ? [a, b] : [b, a];
  const except = settings.exceptWhenMix;
  const fields = Array.isArray(except)
    ? except.map(String)
    : except
      ? String(except)
          .split(',')
          .map((field) => field.trim())
      : [];
  const json = { ...preferred.json };
  for (const field of fields) {
    if (settings.disableDotNotation) json[field] = other.json[field];
    else {
      const value = getPath(other.json, field);
      // Before 2.3 a falsy value (0, '', false) became null.
      json[field] = settings.typeVersion >= 2.3 ? (value ?? null) : value || null;
    }
  }
  return { ...preferred, json };
}

function differentItem(entry: Item, match: Item, pairs: FieldPair[], settings: MatchSettings): Item {
  switch (settings.resolve) {
    case 'preferInput1':
      return entry;
    case 'preferInput2':
      return match;
    case 'mix':
      return mixItems(entry, match, settings);
    default:
      return describeDifference(entry, match, pairs, settings);
  }
}

/**
 * Compare Datasets' four outputs: items only in A, items the same in both, items that differ (resolved
 * as configured), items only in B. A items are matched to B items by the field pairs.
 */
export function compareDatasets(
  inputA: Item[],
  inputB: Item[],
  pairs: FieldPair[],
  settings: MatchSettings,
): Item[][] {
  if (settings.disableDotNotation && settings.skipFields.some((field) => field.includes('.'))) {
    const field = settings.skipFields.find((name) => name.includes('.'));
    throw operationError(`Dot notation is disabled, but field to skip comparing '${field}' contains dot`);
  }
  const onlyA: Item[] = [];
  const matched: Matched[] = [];
  const matchedB = new Set<number>();
  for (const entry of inputA) {
    const lookup = new Map<string, unknown>();
    for (const pair of pairs) {
      const value = settings.disableDotNotation ? entry.json[pair.field1] : getPath(entry.json, pair.field1);
      lookup.set(pair.field2, value);
    }
    if ([...lookup.values()].some((value) => value === undefined)) {
      onlyA.push(entry);
      continue;
    }
    const found = findMatches(inputB, lookup, settings);
    found.forEach((index) => matchedB.add(index));
    if (found.length) matched.push({ entry, matches: found.map((index) => inputB[index]!) });
    else onlyA.push(entry);
  }
  const same: Item[] = [];
  const different: Item[] = [];
  for (const { entry, matches } of matched) {
    let sameItem: Item | undefined;
    for (const match of matches) {
      if (!isSame(entry, match, settings)) different.push(differentItem(entry, match, pairs, settings));
      else sameItem ??= settings.fuzzy && settings.resolve === 'preferInput2' ? match : entry;
    }
    if (sameItem && Object.keys(sameItem).length > 0) same.push(sameItem);
  }
  const onlyB = inputB.filter((_, index) => !matchedB.has(index));
  return [onlyA, same, different, onlyB];
}

import type { Item } from '@budflow/runtime';
import type { Compare } from '../shared/fuzzy-compare.js';
import { getPath, setPath, unsetPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { pairedItemList } from '../shared/paired-items.js';

export interface FieldPair {
  field1: string;
  field2: string;
}

export interface DifferenceSettings {
  typeVersion: number;
  fuzzy: boolean;
  resolve: string;
  disableDotNotation: boolean;
  skipFields: string[];
  compare: Compare;
}

type Json = Record<string, unknown>;

const union = (a: string[], b: string[]) => [...a, ...b.filter((key) => !a.includes(key))];

/** Missing values as null (v2); before v2 every falsy value became null. */
const nullish = (typeVersion: number) =>
  typeVersion >= 2
    ? (value: unknown) => (value === undefined ? null : value)
    : (value: unknown) => value || null;

function isObjectLike(value: unknown): value is Json {
  return value !== null && typeof value === 'object';
}

/**
 * From v2.1, fields to skip given as `key.nested` are moved out of a differing object into `skipped`,
 * so the rest of the object is still shown as different.
 */
function splitSkippedPaths(
  key: string,
  index: number,
  values: [unknown, unknown],
  settings: DifferenceSettings,
) {
  const paths = settings.skipFields.filter((field) => field.startsWith(key) && field.includes('.'));
  const copies = values.map((value) => structuredClone(value)) as [unknown, unknown];
  if (paths.length === 0) return { copies, skipped: undefined };
  if (typeof copies[0] !== 'object' || typeof copies[1] !== 'object') {
    throw operationError(
      `The field '${key}' in item ${index} is not an object. It is not possible to use dot notation.`,
    );
  }
  const skipped: [Json, Json] = [{}, {}];
  for (const path of paths) {
    const nested = path.replace(`${key}.`, '');
    copies.forEach((copy, side) => {
      setPath(skipped[side]!, nested, getPath(copy, nested));
      if (isObjectLike(copy)) unsetPath(copy, nested);
    });
  }
  return { copies, skipped };
}

/**
 * The item Compare Datasets outputs for a differing pair when it includes both versions: the matched
 * keys, the fields that are the same, and each differing (or skipped) field's value in A and in B.
 */
export function describeDifference(
  item1: Item,
  item2: Item,
  pairs: FieldPair[],
  settings: DifferenceSettings,
): Item {
  const { typeVersion, compare } = settings;
  const keys = Object.fromEntries(pairs.map((pair) => [pair.field1, item1.json[pair.field1]]));
  const keys1 = Object.keys(item1.json);
  const keys2 = Object.keys(item2.json);
  const allKeys = union(keys1, keys2);
  const compared =
    settings.fuzzy && typeVersion >= 2.1 ? allKeys : keys1.filter((key) => keys2.includes(key));
  const same: Json = {};
  for (const key of compared) if (compare(item1.json[key], item2.json[key])) same[key] = item1.json[key];
  const different: Json = {};
  const skipped: Json = {};
  const toValue = nullish(typeVersion);
  const [nameA, nameB] = typeVersion >= 2 ? ['inputA', 'inputB'] : ['input1', 'input2'];
  allKeys
    .filter((key) => !(key in same))
    .forEach((key, index) => {
      const values: [unknown, unknown] = [toValue(item1.json[key]), toValue(item2.json[key])];
      if (settings.resolve === 'preferInput1' || settings.resolve === 'preferInput2') {
        different[key] = values[settings.resolve === 'preferInput1' ? 0 : 1];
        return;
      }
      const listed = settings.skipFields.includes(key);
      if (typeVersion >= 2.1 && !settings.disableDotNotation && !listed) {
        const { copies, skipped: moved } = splitSkippedPaths(key, index, values, settings);
        if (moved) skipped[key] = { [nameA]: moved[0], [nameB]: moved[1] };
        different[key] = { [nameA]: copies[0], [nameB]: copies[1] };
        return;
      }
      (listed ? skipped : different)[key] = { [nameA]: values[0], [nameB]: values[1] };
    });
  return {
    json: { keys, same, different, ...(Object.keys(skipped).length > 0 ? { skipped } : {}) },
    pairedItem: [...pairedItemList(item1), ...pairedItemList(item2)],
  };
}

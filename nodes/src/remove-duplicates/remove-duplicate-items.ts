import type { Item } from '@budflow/runtime';
import { deepEqual } from '../shared/deep-equal.js';
import { flattenKeys } from '../shared/flatten-keys.js';
import { lodashLt } from '../shared/lodash-compare.js';
import { getPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { pickPaths } from '../shared/pick-paths.js';

export type CompareMode = 'allFields' | 'allFieldsExcept' | 'selectedFields';

export interface DedupeSpec {
  compare: CompareMode;
  /** Read only for `allFieldsExcept` / `selectedFields` */
  fieldsToExclude: () => string[];
  fieldsToCompare: () => string[];
  disableDotNotation: boolean;
  removeOtherFields: boolean;
}

/** What changed between the versions of n8n's duplicate removal (Remove Duplicates, Item Lists). */
export interface DedupeFlavor {
  /** Remove Duplicates ≥ 1.1: a null value is left out of the same-type check */
  skipNulls: boolean;
  /** Remove Duplicates ≥ 1.1: the same-type error names the two items */
  detailedTypeError: boolean;
  /** Item Lists 3.1: values are grouped by type first and may differ in type */
  orderByType: boolean;
}

const NESTED_FIELD_HINT =
  "If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options";

type Json = Record<string, unknown>;

/** n8n's order of value types when Item Lists 3.1 sorts values of different types. */
function typeRank(value: unknown): number {
  if (Array.isArray(value)) return 9;
  if (value === null) return 10;
  if (value instanceof Date) return 11;
  const ranks: Record<string, number> = {
    string: 1,
    number: 2,
    bigint: 3,
    boolean: 4,
    symbol: 5,
    undefined: 6,
    object: 7,
    function: 8,
  };
  return ranks[typeof value]!;
}

function compareKeys(items: Item[], spec: DedupeSpec): string[] {
  const keysOf = (json: Json) => Object.keys(spec.disableDotNotation ? json : flattenKeys(json));
  const firstKeys = () => keysOf(items[0]!.json);
  if (spec.compare === 'allFieldsExcept') {
    const excluded = spec.fieldsToExclude();
    if (!excluded.length)
      throw operationError('No fields specified. Please add a field to exclude from comparison');
    const keys = spec.disableDotNotation ? unionOfKeys(items, keysOf) : firstKeys();
    return keys.filter((key) => !excluded.includes(key));
  }
  if (spec.compare === 'selectedFields') {
    const selected = spec.fieldsToCompare();
    if (!selected.length) throw operationError('No fields specified. Please add a field to compare on');
    return selected.map((key) => key.trim());
  }
  return unionOfKeys(items, keysOf);
}

function unionOfKeys(items: Item[], keysOf: (json: Json) => string[]): string[] {
  const keys: string[] = [];
  for (const item of items) for (const key of keysOf(item.json)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

function checkValues(sorted: Item[], keys: string[], spec: DedupeSpec, flavor: DedupeFlavor): void {
  const valueOf = (item: Item, key: string) =>
    spec.disableDotNotation ? item.json[key] : getPath(item.json, key);
  for (const key of keys) {
    let type: string | undefined;
    for (const [i, item] of sorted.entries()) {
      if (key === '') throw operationError('Name of field to compare is blank');
      const value = valueOf(item, key);
      if (value === null && flavor.skipNulls) continue;
      if (value === undefined) {
        throw operationError(`'${key}' field is missing from some input items`, {
          ...(spec.disableDotNotation && key.includes('.') ? { description: NESTED_FIELD_HINT } : {}),
        });
      }
      if (!flavor.orderByType && type !== undefined && type !== typeof value) {
        const detail = flavor.detailedTypeError
          ? `, in item [${i - 1}] it's a ${type} and in item [${i}] it's a ${typeof value} `
          : '';
        throw operationError(`'${key}' isn't always the same type`, {
          description: `The type of this field varies between items${detail}`,
        });
      }
      type = typeof value;
    }
  }
}

/**
 * The items without the ones that repeat an earlier item in the compared fields, as n8n finds them: the
 * items are sorted by those fields and each is compared with the last kept one of its run. The first of
 * the duplicates is kept; with `removeOtherFields` only the compared fields remain.
 */
export function removeDuplicateItems(items: Item[], spec: DedupeSpec, flavor: DedupeFlavor): Item[] {
  if (items.length === 0) return [];
  const keys = compareKeys(items, spec);
  const valueOf = (item: Item, key: string) =>
    spec.disableDotNotation ? item.json[key] : getPath(item.json, key);
  const position = new Map(items.map((item, index) => [item, index]));
  const sorted = [...items].sort((a, b) => {
    for (const key of keys) {
      const valueA = valueOf(a, key);
      const valueB = valueOf(b, key);
      if (flavor.orderByType && typeRank(valueA) !== typeRank(valueB))
        return typeRank(valueA) - typeRank(valueB);
      if (deepEqual(valueA, valueB)) continue;
      return lodashLt(valueA, valueB) ? -1 : 1;
    }
    return 0;
  });
  checkValues(sorted, keys, spec, flavor);
  const removed = new Set<number>();
  let kept = sorted[0]!;
  for (const item of sorted.slice(1)) {
    if (keys.every((key) => deepEqual(valueOf(item, key), valueOf(kept, key))))
      removed.add(position.get(item)!);
    else kept = item;
  }
  const unique = items.filter((_, index) => !removed.has(index));
  if (!spec.removeOtherFields) return unique;
  return unique.map((item) => ({ json: pickPaths(item.json, keys), pairedItem: item.pairedItem }));
}

import { deepEqual } from '../shared/deep-equal.js';
import { fuzzyCompare } from '../shared/fuzzy-compare.js';
import type { Compare } from '../shared/fuzzy-compare.js';

const nullLike = (value: unknown) => value === null || value === 0 || value === '0';

/**
 * How Compare Datasets compares two values: strictly, or fuzzily; from v2 fuzzy comparison also takes
 * null to equal 0 and '0'.
 */
export function datasetsCompare(fuzzy: boolean, typeVersion: number): Compare {
  const base = fuzzyCompare(fuzzy);
  if (!fuzzy || typeVersion < 2) return base;
  return (a, b) => {
    if (a !== null && b !== null && typeof a === typeof b) return deepEqual(a, b);
    if ((a === null && nullLike(b)) || (b === null && nullLike(a))) return true;
    return base(a, b);
  };
}

import { deepEqual } from './deep-equal.js';

export type Compare = (a: unknown, b: unknown) => boolean;

const isEmptyish = (value: unknown) =>
  value === null || value === '' || (Array.isArray(value) && value.length === 0);

function equalsParsed(text: string, value: unknown): boolean {
  try {
    return deepEqual(JSON.parse(text), value);
  } catch {
    return false;
  }
}

/**
 * n8n's field comparison for matching items: strict deep equality, or with `fuzzy` tolerant of type
 * differences (3 and '3', true and 'true'/1/'1', an object and its JSON, and null/''/[]/missing alike).
 */
export function fuzzyCompare(fuzzy: boolean): Compare {
  if (!fuzzy) return deepEqual;
  return (a, b) => {
    if (a !== null && b !== null && typeof a === typeof b) return deepEqual(a, b);
    if (isEmptyish(a) && isEmptyish(b)) return true;
    if ((isEmptyish(a) && b === undefined) || (a === undefined && isEmptyish(b))) return true;
    if (typeof a === 'number' && typeof b === 'string') return a.toString() === b;
    if (typeof a === 'string' && typeof b === 'number') return a === b.toString();
    if (a !== null && typeof a === 'object' && typeof b === 'string') return equalsParsed(b, a);
    if (b !== null && typeof a === 'string' && typeof b === 'object') return equalsParsed(a, b);
    if (typeof a === 'boolean' && typeof b === 'string') return boolMatchesText(a, b);
    if (typeof b === 'boolean' && typeof a === 'string') return boolMatchesText(b, a);
    if (typeof a === 'boolean' && typeof b === 'number') return (a && b === 1) || (!a && b === 0);
    if (typeof b === 'boolean' && typeof a === 'number') return (b && a === 1) || (!b && a === 0);
    return deepEqual(a, b);
  };
}

function boolMatchesText(flag: boolean, text: string): boolean {
  const lower = text.toLocaleLowerCase();
  if (flag) return lower === 'true' || text === '1';
  return lower === 'false' || text === '0';
}

import { ExpressionError } from '../expression-error.js';
import { deepEqual } from './deep-equal.js';
import { defineExtensions } from './extension-map.js';
import { compactValue } from './object-extensions.js';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => value !== null && typeof value === 'object';

function requireNumbers(value: readonly unknown[], name: string): number[] {
  if (value.some((item) => typeof item !== 'number')) {
    throw new ExpressionError(`${name}(): all array elements must be numbers`);
  }
  return value as number[];
}

function requireArrayArg(args: readonly unknown[], name: string, example: string): unknown[] {
  const [other] = args;
  if (!Array.isArray(other))
    throw new ExpressionError(`${name}(): expected array arg, e.g. .${name}(${example})`);
  return other;
}

/** Keeps the first of each group of deep-equal items; with field names, compares only those fields. */
export function unique(value: readonly unknown[], fields: readonly unknown[] = []): unknown[] {
  const project = (item: unknown): unknown =>
    fields.length > 0 && isObject(item)
      ? Object.fromEntries(fields.map((field) => [String(field), item[String(field)]]))
      : item;
  const seen: unknown[] = [];
  const out: unknown[] = [];
  for (const item of value) {
    const key = project(item);
    if (seen.some((other) => deepEqual(other, key))) continue;
    seen.push(key);
    out.push(item);
  }
  return out;
}

/** The mean of a list of numbers; 0 for an empty list (n8n's choice over NaN). */
export function average(value: readonly unknown[]): number {
  const numbers = requireNumbers(value, 'average');
  if (numbers.length === 0) return 0;
  return numbers.reduce((total, item) => total + item, 0) / numbers.length;
}

function pluck(value: readonly unknown[], fields: readonly unknown[]): unknown[] {
  if (fields.length === 0) return [...value];
  const out: unknown[] = [];
  for (const item of value) {
    if (!isObject(item)) continue;
    const picked = Object.keys(item)
      .filter((key) => fields.includes(key))
      .map((key) => item[key]);
    if (picked.length > 0) out.push(picked.length === 1 ? picked[0] : picked);
  }
  return out;
}

function chunk(value: readonly unknown[], args: readonly unknown[]): unknown[][] {
  const [size] = args;
  if (typeof size !== 'number' || size <= 0) {
    throw new ExpressionError('chunk(): expected non-zero numeric arg, e.g. .chunk(5)');
  }
  const chunks: unknown[][] = [];
  for (let i = 0; i < value.length; i += size) chunks.push(value.slice(i, i + size));
  return chunks;
}

function smartJoin(value: readonly unknown[], args: readonly unknown[]): Fields {
  const [keyField, valueField] = args;
  if (
    typeof keyField !== 'string' ||
    typeof valueField !== 'string' ||
    keyField === '' ||
    valueField === ''
  ) {
    throw new ExpressionError('smartJoin(): expected two string args, e.g. .smartJoin("name", "value")');
  }
  const out: Fields = {};
  for (const item of value) {
    if (isObject(item) && keyField in item && valueField in item) {
      Object.defineProperty(out, String(item[keyField]), {
        value: item[valueField],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
  return out;
}

function renameKeys(value: readonly unknown[], args: readonly unknown[]): unknown[] {
  if (args.length === 0 || args.length % 2 !== 0) {
    throw new ExpressionError(
      'renameKeys(): expected an even amount of args: from1, to1 [, from2, to2, ...]. e.g. .renameKeys("name", "title")',
    );
  }
  return value.map((item) => {
    if (!isObject(item)) return item;
    const copy: Fields = { ...item };
    for (let i = 0; i < args.length; i += 2) {
      const from = String(args[i]);
      const to = String(args[i + 1]);
      if (from in copy) {
        const moved = copy[from];
        delete copy[from];
        copy[to] = moved;
      }
    }
    return copy;
  });
}

/** Copies the fields of `extra` that `base` does not have yet. */
function addMissingFields(base: Fields, extra: unknown): Fields {
  const out: Fields = { ...base };
  if (isObject(extra)) for (const [key, item] of Object.entries(extra)) if (!(key in out)) out[key] = item;
  return out;
}

function merge(value: readonly unknown[], args: readonly unknown[]): Fields {
  const [others] = args;
  if (others === undefined) {
    return value.reduce<Fields>(
      (merged, item) => (isObject(item) && !Array.isArray(item) ? addMissingFields(merged, item) : merged),
      {},
    );
  }
  if (!Array.isArray(others)) {
    throw new ExpressionError('merge(): expected array arg, e.g. .merge([{ id: 1, otherValue: 3 }])');
  }
  let merged: Fields = {};
  const length = Math.max(value.length, others.length);
  for (let i = 0; i < length; i++) {
    const item: unknown = value[i];
    const other: unknown = others[i];
    if (isObject(item) && typeof other === 'object') merged = { ...merged, ...addMissingFields(item, other) };
  }
  return merged;
}

const includesEqual = (list: readonly unknown[], item: unknown): boolean =>
  list.some((other) => deepEqual(other, item));

/** n8n's array "data transformation functions". */
export const arrayExtensions = defineExtensions<unknown[]>('Array', {
  removeDuplicates: (value, args) => unique(value, args),
  unique: (value, args) => unique(value, args),
  first: (value) => value[0],
  last: (value) => value[value.length - 1],
  pluck,
  randomItem: (value) => (value.length === 0 ? undefined : value[Math.floor(Math.random() * value.length)]),
  sum: (value) => requireNumbers(value, 'sum').reduce((total, item) => total + item, 0),
  min: (value) => Math.min(...requireNumbers(value, 'min')),
  max: (value) => Math.max(...requireNumbers(value, 'max')),
  average: (value) => average(value),
  isNotEmpty: (value) => value.length > 0,
  isEmpty: (value) => value.length === 0,
  compact: (value) => compactValue(value),
  smartJoin,
  chunk,
  renameKeys,
  merge,
  union: (value, args) => unique([...value, ...requireArrayArg(args, 'union', '[1, 2, 3, 4]')]),
  difference: (value, args) => {
    const others = requireArrayArg(args, 'difference', '[1, 2, 3, 4]');
    return unique(value.filter((item) => !includesEqual(others, item)));
  },
  intersection: (value, args) => {
    const others = requireArrayArg(args, 'intersection', '[1, 2, 3, 4]');
    return unique([
      ...value.filter((item) => includesEqual(others, item)),
      ...others.filter((item) => includesEqual(value, item)),
    ]);
  },
  // Each argument becomes one element, arrays included (n8n: value.concat(args)).
  append: (value, args) => [...value, ...args],
  toJsonString: (value) => JSON.stringify(value),
  toInt: () => undefined,
  toFloat: () => undefined,
  toBoolean: () => undefined,
  toDateTime: () => undefined,
});

import jmespath from 'jmespath';

import { ExpressionError } from './expression-error.js';
import { average } from './extensions/array-extensions.js';
import { safeGlobals } from './safe-globals.js';

/** `$if(test, then, else = false)`. Calls written literally are compiled to `test ? then : else` instead. */
function $if(...args: unknown[]): unknown {
  if (args.length < 2) {
    throw new ExpressionError(
      '$if requires at least 2 parameters: test, value_if_true[, and value_if_false]',
    );
  }
  return args[0] ? args[1] : args.length > 2 ? args[2] : false;
}

/** `defaultValue` when `value` is undefined, null, '', [] or {} (n8n's notion of empty). */
function $ifEmpty(...args: unknown[]): unknown {
  if (args.length !== 2)
    throw new ExpressionError('expected two arguments (value, defaultValue) for this function');
  const [value, defaultValue] = args;
  if (value === undefined || value === null || value === '') return defaultValue;
  if (typeof value === 'object' && Object.keys(value).length === 0) return defaultValue;
  return value;
}

/** `$jmespath(object, query)`: note n8n's argument order, data first. */
function $jmespath(data: unknown, query: unknown): unknown {
  if (typeof data !== 'object' || typeof query !== 'string') {
    throw new ExpressionError('expected two arguments (Object, string) for this function');
  }
  // A shallow copy turns a data proxy into a plain object jmespath can walk.
  const document: unknown = data !== null && !Array.isArray(data) ? { ...data } : data;
  return jmespath.search(document, query) as unknown;
}

function numberList(start: number, end: number): number[] {
  const step = start <= end ? 1 : -1;
  return Array.from({ length: Math.abs(end - start) + 1 }, (_, i) => start + i * step);
}

function zip(keys: unknown, values: unknown): Record<string, unknown> {
  if (!Array.isArray(keys) || !Array.isArray(values))
    throw new ExpressionError('keys and values must be arrays');
  if (keys.length !== values.length) throw new ExpressionError('keys and values not of equal length');
  const out: Record<string, unknown> = {};
  keys.forEach((key, i) =>
    Object.defineProperty(out, String(key), {
      value: values[i],
      writable: true,
      enumerable: true,
      configurable: true,
    }),
  );
  return out;
}

const averageOf = (...values: unknown[]): number => average(values);
const not = (value: unknown): boolean => !value;

const BUILTINS: Readonly<Record<string, unknown>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, unknown>, safeGlobals(), {
    $if,
    $ifEmpty,
    $jmespath,
    $jmesPath: $jmespath,
    $max: Math.max,
    $min: Math.min,
    $average: averageOf,
    $not: not,
    max: Math.max,
    min: Math.min,
    average: averageOf,
    not,
    numberList,
    zip,
  }),
);

/** The shared, frozen table the scope proxy falls back to for names the caller's scope does not define. */
export function builtinTable(): Readonly<Record<string, unknown>> {
  return BUILTINS;
}

/** Built-in globals every scope gets: $if, $ifEmpty, $jmespath, $max, $min, DateTime, Duration, Interval, Math, JSON, ... */
export function expressionBuiltins(): Record<string, unknown> {
  return { ...BUILTINS };
}

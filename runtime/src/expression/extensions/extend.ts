import { DateTime } from 'luxon';

import { ExpressionError } from '../expression-error.js';
import { isUnsafeProperty } from '../unsafe-properties.js';
import { arrayExtensions } from './array-extensions.js';
import { booleanExtensions } from './boolean-extensions.js';
import { dateExtensions } from './date-extensions.js';
import type { Extension, ExtensionMap } from './extension-map.js';
import { numberExtensions } from './number-extensions.js';
import { objectExtensions } from './object-extensions.js';
import { stringExtensions } from './string-extensions.js';

/** In the order n8n lists types in "xyz() is only callable on types ..." messages. */
const TYPED_EXTENSIONS: ReadonlyArray<ExtensionMap<never>> = [
  arrayExtensions,
  dateExtensions,
  numberExtensions,
  objectExtensions,
  stringExtensions,
  booleanExtensions,
];

/** isEmpty/isNotEmpty work on any value, null and undefined included. */
const GENERIC_EXTENSIONS = new Map<string, Extension<unknown>>([
  ['isEmpty', (value) => value === null || value === undefined || !value],
  ['isNotEmpty', (value) => !(value === null || value === undefined || !value)],
]);

/** Every name the compiler rewrites `x.name(...)` calls for. */
export const EXTENSION_NAMES: ReadonlySet<string> = new Set([
  ...TYPED_EXTENSIONS.flatMap((map) => [...map.functions.keys()]),
  ...GENERIC_EXTENSIONS.keys(),
]);

// n8n treats strings shaped exactly like Date.toISOString() output (as dates come out of JSON) as dates.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isIsoTimestamp(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_TIMESTAMP.test(value)) return false;
  const date = new Date(value);
  return !Number.isNaN(date.getTime()) && date.toISOString() === value;
}

type Resolved = (args: readonly unknown[]) => unknown;

function typed<T>(map: ExtensionMap<T>, name: string, value: T): Resolved | undefined {
  const extension = map.functions.get(name);
  return extension && ((args) => extension(value, args));
}

/** Finds the function `name` for `input`: its type's extension, else its own method, else a generic one. */
function resolve(input: unknown, name: string): Resolved | undefined {
  if (isUnsafeProperty(name)) {
    throw new ExpressionError(`Cannot access "${name}" via expression extension due to security concerns`);
  }
  let target = input;
  let found: Resolved | undefined;
  if (Array.isArray(input)) {
    found = typed(arrayExtensions, name, input);
  } else if (isIsoTimestamp(input) && name !== 'toDate' && name !== 'toDateTime') {
    target = new Date(input);
    found = typed(dateExtensions, name, target as Date);
  } else if (typeof input === 'string') {
    found = typed(stringExtensions, name, input);
  } else if (typeof input === 'number') {
    found = typed(numberExtensions, name, input);
  } else if (input instanceof Date || DateTime.isDateTime(input)) {
    found = typed(dateExtensions, name, input);
  } else if (input !== null && typeof input === 'object') {
    found = typed(objectExtensions, name, input);
  } else if (typeof input === 'boolean') {
    found = typed(booleanExtensions, name, input);
  }
  if (found) return found;
  if (target !== null && target !== undefined) {
    const method: unknown = (target as Record<string, unknown>)[name];
    if (typeof method === 'function') return (args) => Reflect.apply(method, target, args) as unknown;
  }
  const generic = GENERIC_EXTENSIONS.get(name);
  return generic && ((args) => generic(input, args));
}

function notCallable(input: unknown, name: string): ExpressionError {
  if (input === null || input === undefined) {
    return new ExpressionError(`${name} can't be used on ${String(input)} value`, {
      description: `To ignore this error, add a ? to the variable before this function, e.g. my_var?.${name}`,
    });
  }
  const types = TYPED_EXTENSIONS.filter((map) => map.functions.has(name)).map((map) => `"${map.typeName}"`);
  if (types.length === 0) return new ExpressionError(`${name} is not a function`);
  if (types.length === 1) return new ExpressionError(`${name}() is only callable on type ${types[0] ?? ''}`);
  const last = types.pop() ?? '';
  return new ExpressionError(`${name}() is only callable on types ${types.join(', ')}, and ${last}`);
}

/** `x.name(...args)` for an extension name: the compiler rewrites such calls into `extend(x, 'name', args)`. */
export function extend(input: unknown, name: string, args: readonly unknown[]): unknown {
  const resolved = resolve(input, name);
  if (!resolved) throw notCallable(input, name);
  return resolved(args);
}

/** `x.name?.(...)`: the function to call, or undefined when `x` has none (which ends the optional chain). */
export function extendOptional(input: unknown, name: string): ((...args: unknown[]) => unknown) | undefined {
  const resolved = resolve(input, name);
  return resolved && ((...args: unknown[]) => resolved(args));
}

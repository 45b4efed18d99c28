import { ExpressionError } from './expression-error.js';
import { extend, extendOptional } from './extensions/extend.js';
import { isScopeProxy } from './scope-proxy.js';
import { isUnsafeProperty } from './unsafe-properties.js';

/** What rewritten expression code calls, reached through the `__bf` identifier bound outside the `with`. */
export interface RuntimeHelpers {
  /** extend: `x.name(...args)` for an extension name. */
  readonly x: typeof extend;
  /** extendOptional: `x.name?.(...args)`. */
  readonly f: typeof extendOptional;
  /** sanitize a computed property key. */
  readonly s: (key: unknown) => PropertyKey;
  /** call `fn` with `thisArg`, for lowered optional calls. */
  readonly c: (fn: unknown, thisArg: unknown, args: readonly unknown[]) => unknown;
  /** guard: throws unless the `with` object is a genuine scope proxy. */
  readonly g: (scope: unknown) => void;
}

/** `obj[key]`: the key is stringified once (so a toString cannot answer differently later) and checked. */
function sanitizeKey(key: unknown): PropertyKey {
  if (typeof key === 'number' || typeof key === 'symbol') return key;
  const name = String(key);
  if (isUnsafeProperty(name)) throw new ExpressionError(`Cannot access "${name}" due to security concerns`);
  return name;
}

function callWithThis(fn: unknown, thisArg: unknown, args: readonly unknown[]): unknown {
  if (typeof fn !== 'function') throw new TypeError(`${String(fn)} is not a function`);
  return Reflect.apply(fn, thisArg, args) as unknown;
}

function guard(scope: unknown): void {
  if (!isScopeProxy(scope))
    throw new ExpressionError('Compiled expressions can only run in their own sandbox');
}

export const RUNTIME_HELPERS: RuntimeHelpers = Object.freeze({
  x: extend,
  f: extendOptional,
  s: sanitizeKey,
  c: callWithThis,
  g: guard,
});

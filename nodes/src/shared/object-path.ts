/**
 * Field paths as n8n nodes read and write them (lodash `get`/`set`/`unset` semantics): `a.b`, `a[0].b`,
 * `a["x.y"]`, and a key that exists literally on the object (`{"a.b": 1}`) wins over the dotted reading.
 */

type Container = Record<string, unknown>;

const DEEP_PROP = /\.|\[(?:[^[\]]*|(["'])(?:(?!\1)[^\\]|\\.)*?\1)\]/;
const PLAIN_PROP = /^\w*$/;
const PATH_PART =
  /[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g;
const ESCAPE = /\\(\\)?/g;
const INDEX = /^(?:0|[1-9]\d*)$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Splits a path into keys; a path naming an existing key of `object` is that one key. */
export function toPath(path: string, object?: unknown): string[] {
  if (isSingleKey(path, object)) return [path];
  const keys: string[] = [];
  if (path.startsWith('.')) keys.push('');
  path.replace(PATH_PART, (match: string, num?: string, quote?: string, quoted?: string) => {
    keys.push(quote ? (quoted ?? '').replace(ESCAPE, '$1') : (num ?? match));
    return match;
  });
  return keys;
}

function isSingleKey(path: string, object: unknown): boolean {
  if (PLAIN_PROP.test(path) || !DEEP_PROP.test(path)) return true;
  return object !== null && typeof object === 'object' && path in object;
}

function isObjectLike(value: unknown): value is Container {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

/** The value at `path`, or undefined when any part is missing. */
export function getPath(object: unknown, path: string): unknown {
  return getByKeys(object, toPath(path, object));
}

function getByKeys(object: unknown, keys: string[]): unknown {
  let current: unknown = object;
  for (const key of keys) {
    if (current === null || current === undefined) return undefined;
    current = (current as Container)[key];
  }
  return current;
}

/** Writes `value` at `path`, creating objects (or arrays before an index) on the way. */
export function setPath(object: Container, path: string, value: unknown): Container {
  const keys = toPath(path, object);
  let nested: Container = object;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (FORBIDDEN_KEYS.has(key)) return object;
    if (i === keys.length - 1) {
      nested[key] = value;
      return object;
    }
    const existing = nested[key];
    if (!isObjectLike(existing)) nested[key] = INDEX.test(keys[i + 1]!) ? [] : {};
    nested = nested[key] as Container;
  }
  return object;
}

/** Removes the key at `path`; true when there was nothing in the way. */
export function unsetPath(object: Container, path: string): boolean {
  const keys = toPath(path, object);
  const last = keys.pop();
  if (last === undefined) return true;
  const parent = getByKeys(object, keys);
  if (parent === null || parent === undefined) return true;
  return delete (parent as Container)[last];
}

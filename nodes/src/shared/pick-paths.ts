import { toPath } from './object-path.js';

type Data = Record<string, unknown>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const INDEX = /^(?:0|[1-9]\d*)$/;

function isObjectLike(value: unknown): value is Data {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

/** The keys of `path` when every one of them exists along the way (lodash `hasIn`), else undefined. */
function existingKeys(object: unknown, path: string): string[] | undefined {
  const keys = toPath(path, object);
  let current: unknown = object;
  for (const key of keys) {
    if (!isObjectLike(current) || !(key in current)) return undefined;
    current = current[key];
  }
  return keys;
}

function setByKeys(target: Data, keys: string[], value: unknown): void {
  let nested = target;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (FORBIDDEN_KEYS.has(key)) return;
    if (i === keys.length - 1) {
      nested[key] = value;
      return;
    }
    if (!isObjectLike(nested[key])) nested[key] = INDEX.test(keys[i + 1]!) ? [] : {};
    nested = nested[key] as Data;
  }
}

/**
 * lodash `pick` with paths: a new object with only the given paths of `object` (`a.b` keeps `{a: {b}}`),
 * paths that do not exist left out. A path naming an existing dotted key keeps that key.
 */
export function pickPaths(object: Data, paths: readonly string[]): Data {
  const picked: Data = {};
  for (const path of paths) {
    const keys = existingKeys(object, path);
    if (!keys) continue;
    let value: unknown = object;
    for (const key of keys) value = (value as Data)[key];
    setByKeys(picked, keys, value);
  }
  return picked;
}

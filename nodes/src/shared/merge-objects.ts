/**
 * lodash's `merge`, `mergeWith` and `assignWith` for item data, which n8n's Merge node relies on:
 * plain objects merge key by key at every depth, arrays merge index by index, and an `undefined`
 * source value never overwrites a key the target already has.
 */

type Data = Record<string, unknown>;
/** Returns the value to use, or undefined for the default behaviour. */
export type MergeCustomizer = (targetValue: unknown, sourceValue: unknown) => unknown;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Data {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

function isObjectLike(value: unknown): value is object {
  return value !== null && (typeof value === 'object' || typeof value === 'function');
}

/** Deep-merges `sources` into `target` (mutating it) and returns it. */
export function deepMerge<T extends object>(target: T, ...sources: Array<object | undefined | null>): T {
  return deepMergeWith(target, sources, undefined);
}

export function deepMergeWith<T extends object>(
  target: T,
  sources: Array<object | undefined | null>,
  customizer: MergeCustomizer | undefined,
): T {
  for (const source of sources) {
    if (source !== undefined && source !== null)
      mergeInto(target as Data, source as Data, customizer, new WeakMap());
  }
  return target;
}

function mergeInto(
  target: Data,
  source: Data,
  customizer: MergeCustomizer | undefined,
  seen: WeakMap<object, unknown>,
): void {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const sourceValue = source[key];
    if (isObjectLike(sourceValue)) mergeDeepKey(target, key, sourceValue, customizer, seen);
    else assignMergeValue(target, key, customized(customizer, target[key], sourceValue) ?? sourceValue);
  }
}

function customized(
  customizer: MergeCustomizer | undefined,
  targetValue: unknown,
  sourceValue: unknown,
): unknown {
  return customizer ? customizer(targetValue, sourceValue) : undefined;
}

function mergeDeepKey(
  target: Data,
  key: string,
  sourceValue: object,
  customizer: MergeCustomizer | undefined,
  seen: WeakMap<object, unknown>,
): void {
  const known = seen.get(sourceValue);
  if (known !== undefined) {
    assignMergeValue(target, key, known);
    return;
  }
  const targetValue = target[key];
  const custom = customized(customizer, targetValue, sourceValue);
  if (custom !== undefined) {
    assignMergeValue(target, key, custom);
    return;
  }
  let merged: unknown;
  if (Array.isArray(sourceValue)) {
    merged = Array.isArray(targetValue) ? targetValue : [];
  } else if (isPlainObject(sourceValue)) {
    merged = isObjectLike(targetValue) && typeof targetValue !== 'function' ? targetValue : {};
  } else {
    assignMergeValue(target, key, sourceValue);
    return;
  }
  seen.set(sourceValue, merged);
  mergeInto(merged as Data, sourceValue as Data, customizer, seen);
  assignMergeValue(target, key, merged);
}

function assignMergeValue(target: Data, key: string, value: unknown): void {
  if (value === undefined && key in target) return;
  if (value !== undefined && Object.is(target[key], value)) return;
  target[key] = value;
}

/** Shallow assignment of each source's own keys, letting `customizer` pick the value. */
export function assignWith<T extends object>(
  target: T,
  sources: Array<object | undefined | null>,
  customizer: MergeCustomizer,
): T {
  const data = target as Data;
  for (const source of sources) {
    if (source === undefined || source === null) continue;
    for (const [key, sourceValue] of Object.entries(source)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      const custom = customizer(data[key], sourceValue);
      data[key] = custom === undefined ? sourceValue : custom;
    }
  }
  return target;
}

import type { Item, JsonObject, PairedItem } from '@budflow/runtime';
import { CodeError } from './code-error.js';

/** Keys an n8n item may have at the top level. */
const ITEM_KEYS = new Set(['json', 'binary', 'pairedItem', 'error', 'metadata', 'index']);

/** A plain object (from any realm): not null, not an array, not a Date. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.prototype.toString.call(value) !== '[object Date]'
  );
}

type Raw = Record<string, unknown>;

/** Bare objects become `{ json }`; objects with `binary` (and no `json`) split into json and binary (n8n's normalizeItems). */
function normalizeItems(result: Raw | Raw[]): Raw[] {
  const list = Array.isArray(result) ? result : [result.json ? result : { json: result }];
  const has = (key: string) => (item: Raw) => typeof item === 'object' && item !== null && key in item;
  if (list.every(has('json'))) return list;
  if (list.some(has('json'))) throw new CodeError({ message: 'Inconsistent item format' });
  if (list.every(has('binary'))) {
    return list.map(({ binary, ...json }) => ({ json, binary }));
  }
  if (list.some(has('binary'))) throw new CodeError({ message: 'Inconsistent item format' });
  return list.map((json) => ({ json }));
}

function validateTopLevelKeys(item: Raw, itemIndex: number): void {
  const keys = Object.keys(item);
  const unknown = keys.filter((key) => !ITEM_KEYS.has(key));
  if (unknown.length === 0) return;
  const reserved = keys.find((key) => ITEM_KEYS.has(key));
  if (reserved) {
    throw new CodeError({
      message: 'Invalid output format',
      description: `An output item contains the reserved key <code>${reserved}</code>. To get around this, please wrap each item in an object, under a key called <code>json</code>.`,
      itemIndex,
    });
  }
  throw new CodeError({
    message: `Unknown top-level item key: ${unknown[0]}`,
    description: 'Access the properties of an item under `.json`, e.g. `item.json`',
    itemIndex,
  });
}

function validateItem(item: Raw, itemIndex: number): void {
  if (item.json === undefined || !isObject(item.json)) {
    throw new CodeError({
      message: "A 'json' property isn't an object",
      description: "In the returned data, every key named 'json' must point to an object.",
      itemIndex,
    });
  }
  if (item.binary !== undefined && !isObject(item.binary)) {
    throw new CodeError({
      message: "A 'binary' property isn't an object",
      description: "In the returned data, every key named 'binary' must point to an object.",
      itemIndex,
    });
  }
}

const ALL_ITEMS_HINT = 'Please return an array of objects, one for each item you would like to output.';

/** What "Run Once for All Items" code returned, as items; null means no items. */
export function allItemsOutput(result: unknown): Item[] {
  if (result === null) return [];
  if (typeof result !== 'object' || result === undefined) {
    throw new CodeError({ message: "Code doesn't return items properly", description: ALL_ITEMS_HINT });
  }
  if (Array.isArray(result)) {
    if (!result.every(isObject))
      throw new CodeError({ message: "Code doesn't return items properly", description: ALL_ITEMS_HINT });
    if (result.some((item) => Object.keys(item).some((key) => ITEM_KEYS.has(key))))
      result.forEach(validateTopLevelKeys);
  }
  const items = normalizeItems(result as Raw | Raw[]);
  items.forEach(validateItem);
  return items.map(toItem);
}

/** What "Run Once for Each Item" code returned for item `itemIndex`; undefined when it returned null. */
export function eachItemOutput(result: unknown, itemIndex: number): Item | undefined {
  if (result === null) return undefined;
  if (typeof result !== 'object' || result === undefined) {
    throw new CodeError({
      message: "Code doesn't return an object",
      description: `Please return an object representing the output item. ('${String(result)}' was returned instead.)`,
      itemIndex,
    });
  }
  if (Array.isArray(result)) {
    const returned =
      result.length > 0 ? `An array of ${typeof result[0]}s was returned.` : 'An empty array was returned.';
    throw new CodeError({
      message: "Code doesn't return a single object",
      description: `${returned} If you need to output multiple items, please use the 'Run Once for All Items' mode instead.`,
      itemIndex,
    });
  }
  const [item] = normalizeItems([result as Raw]);
  validateItem(item!, itemIndex);
  validateTopLevelKeys(item!, itemIndex);
  return toItem(item!);
}

/**
 * Non-plain objects inside the json (Date, RegExp, class instances) become JSON strings, then the data is
 * made plain JSON, as it is stored and sent between runners (n8n's standardizeOutput).
 */
export function standardize(json: Record<string, unknown>): JsonObject {
  const seen = new WeakSet<object>();
  const walk = (object: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(object)) {
      if (
        !isObject(value) ||
        typeof value.toJSON === 'function' ||
        Object.keys(value).length === 0 ||
        seen.has(value)
      )
        continue;
      seen.add(value);
      if (value.constructor?.name !== 'Object') object[key] = JSON.stringify(value);
      else walk(value);
    }
  };
  walk(json);
  return JSON.parse(JSON.stringify(json) ?? '{}') as JsonObject;
}

function isPairing(value: unknown): value is PairedItem {
  return (
    isObject(value) &&
    Number.isInteger(value.item) &&
    (value.input === undefined || Number.isInteger(value.input))
  );
}

function pairingOf(value: unknown): Item['pairedItem'] | undefined {
  if (Number.isInteger(value)) return value as number;
  if (isPairing(value))
    return value.input === undefined ? { item: value.item } : { item: value.item, input: value.input };
  if (Array.isArray(value) && value.every(isPairing)) return value.map((p) => pairingOf(p) as PairedItem);
  return undefined;
}

function toItem(raw: Raw): Item {
  const item: Item = { json: standardize(raw.json as Record<string, unknown>) };
  if (raw.binary !== undefined) item.binary = JSON.parse(JSON.stringify(raw.binary)) as Item['binary'];
  const paired = pairingOf(raw.pairedItem);
  if (paired !== undefined) item.pairedItem = paired;
  return item;
}

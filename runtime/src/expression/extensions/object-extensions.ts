import { ExpressionError } from '../expression-error.js';
import { defineExtensions } from './extension-map.js';

type Fields = Record<string, unknown>;

/** Drops null, undefined, 'nil', '' and empty objects, recursively (arrays stay arrays). */
export function compactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => !isCompactEmpty(item)).map(compactValue);
  if (value !== null && typeof value === 'object') {
    const out: Fields = {};
    for (const [key, item] of Object.entries(value)) {
      if (isCompactEmpty(item)) continue;
      // defineProperty: a key named __proto__ must stay a plain field, not change the prototype.
      Object.defineProperty(out, key, {
        value: compactValue(item),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

function isCompactEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === 'nil' || value === '') return true;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

function requireMatch(args: readonly unknown[], message: string): string {
  const [match] = args;
  if (typeof match !== 'string' || match === '') throw new ExpressionError(message);
  return match;
}

function removeField(value: object, args: readonly unknown[]): object {
  const name = String(args[0]);
  if (!(name in value)) return value;
  const copy: Fields = { ...value };
  delete copy[name];
  return copy;
}

function filterFields(value: object, keep: (item: unknown) => boolean): Fields {
  const copy: Fields = { ...value };
  for (const [key, item] of Object.entries(value)) if (!keep(item)) delete copy[key];
  return copy;
}

function urlEncode(value: object): string {
  const params = new URLSearchParams();
  for (const [key, item] of Object.entries(value)) params.append(key, String(item));
  return params.toString();
}

/** n8n's object "data transformation functions". */
export const objectExtensions = defineExtensions<object>('Object', {
  isEmpty: (value) => Object.keys(value).length === 0,
  isNotEmpty: (value) => Object.keys(value).length > 0,
  hasField: (value, args) => String(args[0]) in value,
  removeField,
  removeFieldsContaining: (value, args) => {
    const match = requireMatch(args, 'removeFieldsContaining(): expected non-empty string arg');
    return filterFields(value, (item) => !(typeof item === 'string' && item.includes(match)));
  },
  keepFieldsContaining: (value, args) => {
    const match = requireMatch(args, 'argument of keepFieldsContaining must be a non-empty string');
    return filterFields(value, (item) => typeof item === 'string' && item.includes(match));
  },
  compact: (value) => compactValue(value),
  urlEncode,
  keys: (value) => Object.keys(value),
  values: (value) => Object.values(value),
  toJsonString: (value) => JSON.stringify(value),
  // n8n defines these as no-ops on objects so they never fall through to another type's version.
  toInt: () => undefined,
  toFloat: () => undefined,
  toBoolean: () => undefined,
  toDateTime: () => undefined,
});

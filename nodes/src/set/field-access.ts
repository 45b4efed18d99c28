import type { JsonObject } from '@budflow/runtime';
import { getPath, setPath, unsetPath } from '../shared/object-path.js';

export interface FieldAccess {
  get(data: JsonObject, key: string): unknown;
  set(data: JsonObject, key: string, value: unknown): void;
  unset(data: JsonObject, key: string): void;
}

/** `["a.b"]` names the key `a.b` when the item has no key spelled with the brackets (n8n's sanitizeDataPathKey). */
function literalKey(data: JsonObject, key: string): string {
  if (data[key] !== undefined) return key;
  const bracketed =
    (key.startsWith("['") && key.endsWith("']")) || (key.startsWith('["') && key.endsWith('"]'));
  return bracketed && data[key.slice(2, -2)] !== undefined ? key.slice(2, -2) : key;
}

const byPath: FieldAccess = {
  get: (data, key) => getPath(data, key),
  set: (data, key, value) => void setPath(data, key, value),
  unset: (data, key) => void unsetPath(data, key),
};

const byKey: FieldAccess = {
  get: (data, key) => data[literalKey(data, key)],
  set: (data, key, value) => void (data[literalKey(data, key)] = value),
  unset: (data, key) => void delete data[literalKey(data, key)],
};

/** Field names as paths (`a.b[0]`, the default) or, with dot notation off, as literal keys. */
export function fieldAccess(dotNotation: unknown): FieldAccess {
  return dotNotation === false ? byKey : byPath;
}

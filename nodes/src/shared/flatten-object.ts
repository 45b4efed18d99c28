import type { JsonObject } from '@budflow/runtime';

/** Nested objects become dotted keys (`{a: {b: 1}}` → `{'a.b': 1}`), as n8n's `flattenObject` writes rows. */
export function flattenObject(data: JsonObject): JsonObject {
  const flat: JsonObject = {};
  for (const [key, value] of Object.entries(data)) {
    if (value instanceof Date) {
      flat[key] = value.toString();
    } else if (value !== null && typeof value === 'object') {
      for (const [inner, innerValue] of Object.entries(flattenObject(value as JsonObject))) {
        if (innerValue !== undefined) flat[`${key}.${inner}`] = innerValue;
      }
    } else {
      flat[key] = value;
    }
  }
  return flat;
}

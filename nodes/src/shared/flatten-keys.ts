/**
 * Every leaf of a value under its dotted path (`{a: {b: [1]}}` → `{'a.b.0': 1}`), as n8n's `flattenKeys`
 * does with lodash: empty objects and arrays (and dates) have no leaves, so they disappear.
 */
export function flattenKeys(value: unknown, path: string[] = []): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  collect(value, path, flat);
  return flat;
}

function collect(value: unknown, path: string[], flat: Record<string, unknown>): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    flat[path.join('.')] = value;
    return;
  }
  for (const [key, entry] of Object.entries(value)) collect(entry, [...path, key], flat);
}

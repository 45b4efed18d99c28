/** Items as the conformance suite compares them (see ../shared/conformance/README.md). */
export function comparableItems(items: unknown[]): unknown[] {
  return items.map((item) => {
    const entry = item as { json?: unknown };
    const json = entry && typeof entry === 'object' && 'json' in entry ? entry.json : item;
    return normalize(json, true);
  });
}

function normalize(value: unknown, top: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalize(v, false)));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (top && key === 'error' && v && typeof v === 'object') {
      const e = v as Record<string, unknown>;
      out.error = normalize({ message: e.message, name: e.name, description: e.description, context: e.context }, false);
      continue;
    }
    out[key] = normalize(v, false);
  }
  return out;
}

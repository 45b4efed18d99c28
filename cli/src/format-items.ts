import type { Item } from '@budflow/runtime';

/** Items as a table when they are flat and few, else one JSON object per line. */
export function formatItems(items: Item[]): string {
  if (items.length === 0) return '(no items)';
  const columns = [...new Set(items.flatMap((i) => Object.keys(i.json)))];
  const flat = items.every((i) => Object.values(i.json).every((v) => v === null || typeof v !== 'object'));
  if (!flat || columns.length === 0 || columns.length > 8 || items.length > 50) {
    return items.map((i) => JSON.stringify(i.json)).join('\n');
  }
  const cell = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  const rows = items.map((i) => columns.map((c) => cell(i.json[c])));
  const widths = columns.map((c, k) => Math.min(40, Math.max(c.length, ...rows.map((r) => r[k]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((c, k) => c.slice(0, 40).padEnd(widths[k]!))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

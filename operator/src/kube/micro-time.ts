/**
 * A metav1.MicroTime as the apiserver parses it: RFC 3339 with exactly six fractional digits
 * (`2026-11-27T04:00:00.123000Z`). JSON.stringify of a JS Date has three, which the apiserver rejects (400).
 */
export function formatMicroTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** A metav1.Time: RFC 3339 in whole seconds (`2026-11-27T04:00:00Z`), as in conditions and timestamps. */
export function formatTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Epoch milliseconds of a Time or MicroTime string; undefined when missing or unparsable. */
export function parseTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

import { DateTime } from 'luxon';

/**
 * A date parameter read the way n8n's `tryToParseDateTime` reads it: a DateTime or Date as it is, else a
 * string as ISO 8601, HTTP date, RFC 2822, SQL, then whatever Date.parse accepts. Strings without an offset
 * are wall times in `zone`. Undefined when nothing fits.
 */
export function tryParseDateTime(value: unknown, zone: string): DateTime | undefined {
  if (DateTime.isDateTime(value)) return value.isValid ? value : undefined;
  if (value instanceof Date) {
    const date = DateTime.fromJSDate(value, { zone });
    if (date.isValid) return date;
  }
  const text = String(value).trim();
  const options = { zone, setZone: true };
  const candidates = [
    () => DateTime.fromISO(text, options),
    () => DateTime.fromHTTP(text, options),
    () => DateTime.fromRFC2822(text, options),
    () => DateTime.fromSQL(text, options),
    () => DateTime.fromMillis(Date.parse(text), { zone }),
  ];
  for (const candidate of candidates) {
    const parsed = candidate();
    if (parsed.isValid) return parsed;
  }
  return undefined;
}

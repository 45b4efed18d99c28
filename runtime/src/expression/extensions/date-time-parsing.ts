import { DateTime } from 'luxon';

import { ExpressionError } from '../expression-error.js';

/** Timestamp units numbers (and numeric strings) can be read in, as n8n's `toDateTime(unit)`. */
export type TimestampUnit = 'ms' | 's' | 'us' | 'excel';

const TIMESTAMP_UNITS: readonly string[] = ['ms', 's', 'us', 'excel'];
// Excel counts days from 1900-01-00 and wrongly treats 1900 as a leap year: day 25569 is 1970-01-01.
const EXCEL_EPOCH_DAY = 25569;
const SECONDS_PER_DAY = 86_400;

export function isTimestampUnit(value: unknown): value is TimestampUnit {
  return typeof value === 'string' && TIMESTAMP_UNITS.includes(value);
}

/** A numeric timestamp as a DateTime (n8n's number `toDateTime`). */
export function timestampToDateTime(value: number, unit: unknown = 'ms'): DateTime {
  if (!isTimestampUnit(unit)) {
    throw new ExpressionError(
      `Unsupported format '${String(unit)}'. toDateTime() supports 'ms', 's', 'us' and 'excel'.`,
    );
  }
  switch (unit) {
    case 'excel':
      return DateTime.fromSeconds((value - EXCEL_EPOCH_DAY) * SECONDS_PER_DAY);
    case 's':
      return DateTime.fromSeconds(value);
    case 'us':
      return DateTime.fromMillis(value / 1000);
    case 'ms':
      return DateTime.fromMillis(value);
  }
}

/**
 * Parses a date string the way n8n does: ISO 8601, HTTP, RFC 2822, SQL, then whatever Date.parse accepts;
 * a string of digits is read as a Unix timestamp in milliseconds. Throws when nothing fits.
 */
export function parseDateTime(value: unknown): DateTime {
  if (DateTime.isDateTime(value) && value.isValid) return value;
  if (value instanceof Date) {
    const fromDate = DateTime.fromJSDate(value);
    if (fromDate.isValid) return fromDate;
  }
  const text = String(value).trim();
  const options = { setZone: true };
  const candidates = [
    () => DateTime.fromISO(text, options),
    () => DateTime.fromHTTP(text, options),
    () => DateTime.fromRFC2822(text, options),
    () => DateTime.fromSQL(text, options),
    () => DateTime.fromMillis(Date.parse(text)),
    () => (/^-?\d+$/.test(text) ? DateTime.fromMillis(Number(text)) : DateTime.invalid('not a timestamp')),
  ];
  for (const candidate of candidates) {
    const parsed = candidate();
    if (parsed.isValid) return parsed;
  }
  throw new ExpressionError('Value is not a valid date', {
    description: `Could not parse '${text}' as a date`,
  });
}

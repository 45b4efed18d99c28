import { DateTime } from 'luxon';
import { operationError } from '../shared/operation-error.js';
import { momentLocal } from './moment-input.js';

export interface ParseDateOptions {
  /** Zone of the result; without one, a string's own `+hh` offset, else UTC */
  timezone?: string | undefined;
  /** A Luxon format to read the date with */
  fromFormat?: string | undefined;
  /** The zone a date without offset is read in (moment's local zone: the workflow's time zone) */
  localZone: string;
  now: number;
}

/**
 * Reads a date the way Date & Time v2 does: a DateTime as it is; a number (or numeric string) as Unix
 * seconds (fewer than 12 digits) or milliseconds; a string by `fromFormat`, else as moment reads it.
 */
export function parseDateV2(date: unknown, options: ParseDateOptions): DateTime {
  if (DateTime.isDateTime(date)) return date;
  let value = date;
  if (!Number.isNaN(Number(value)) && !options.fromFormat) {
    value = Number(value);
    if (!Number.isInteger(value)) value = (value as number) * 1000;
  }
  let timezone = options.timezone;
  let parsed: DateTime;
  if (typeof value === 'number' && Number.isInteger(value)) {
    parsed = String(value).length < 12 ? DateTime.fromSeconds(value) : DateTime.fromMillis(value);
  } else if (typeof value === 'string') {
    // n8n names the zone after the hours of a `+hh:mm` offset (minutes ignored): Etc/GMT-5 for +05:30.
    if (!timezone && value.includes('+')) timezone = `Etc/GMT-${Number(value.split('+')[1]!.slice(0, 2))}`;
    if (options.fromFormat) {
      parsed = DateTime.fromFormat(value, options.fromFormat);
    } else {
      const read = momentLocal(value, options.localZone, options.now);
      parsed = read.isValid ? DateTime.fromMillis(read.toMillis()) : DateTime.invalid('unparsable');
    }
  } else {
    // n8n fails on other values with a TypeError; BudFlow says what is wrong instead.
    throw operationError('Invalid date format', {
      description: `Expected a date, a timestamp or a date string, got ${JSON.stringify(value) ?? String(value)}`,
    });
  }
  parsed = parsed.setZone(timezone || 'Etc/UTC');
  if (parsed.invalidReason === 'unparsable') throw operationError('Invalid date format');
  return parsed;
}

import { DateTime } from 'luxon';

/**
 * Reading a date without a format the way moment does (`moment(value)`, `moment.tz(value, zone)`): an ISO 8601
 * string, then RFC 2822, then whatever JavaScript's Date understands. A time without an offset is a wall
 * time in `zone` (moment uses the process time zone; BudFlow nodes use the workflow's time zone).
 */

// moment's ISO 8601 forms: extended and basic, a date with an optional time and offset.
const ISO_EXTENDED =
  /^\s*((?:[+-]\d{6}|\d{4})-(?:\d\d-\d\d|W\d\d-\d|W\d\d|\d\d\d|\d\d))(?:(T| )(\d\d(?::\d\d(?::\d\d(?:[.,]\d+)?)?)?)([+-]\d\d(?::?\d\d)?|\s*Z)?)?$/;
const ISO_BASIC =
  /^\s*((?:[+-]\d{6}|\d{4})(?:\d\d\d\d|W\d\d\d|W\d\d|\d\d\d|\d\d|))(?:(T| )(\d\d(?:\d\d(?:\d\d(?:[.,]\d+)?)?)?)([+-]\d\d(?::?\d\d)?|\s*Z)?)?$/;

/** A zone or offset written in a string Date can parse ("GMT+0200", "EST", "13:00Z", "+01:00"). */
const HAS_ZONE = /\b(?:UTC?|GMT|[ECMP][SD]T)\b|\d\s*Z\b|\d:\d\d(?::\d\d(?:\.\d+)?)?\s*[+-]\d\d:?\d\d\b/i;

const ISO_DATE_ONLY = /^(?:[+-]\d{6}|\d{4})(?:-\d\d(?:-\d\d)?)?$/;

function fromIso(text: string, zone: string): DateTime | undefined {
  const match = ISO_EXTENDED.exec(text) ?? ISO_BASIC.exec(text);
  if (!match) return undefined;
  const [, date, , time, offset] = match;
  const iso = `${date}${time ? `T${time.replace(',', '.')}` : ''}${offset?.trim() ?? ''}`;
  return DateTime.fromISO(iso, { zone }).setZone(zone);
}

/**
 * JavaScript's own date parsing ("08/01/2022", "April 9 1986", "Tue Apr 11 2023 13:51:59 GMT+0200"). A
 * string with a zone is that instant; one without is a wall time, read in `zone`.
 */
export function parseWithDate(text: string, zone: string): DateTime {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return DateTime.invalid('unparsable', `'${text}' is not a date`);
  // Date reads an ISO date without a time ("2022-08-01") as UTC, and a string with a zone as that instant.
  if (HAS_ZONE.test(text) || ISO_DATE_ONLY.test(text.trim())) return DateTime.fromJSDate(date).setZone(zone);
  return DateTime.fromObject(
    {
      year: date.getFullYear(),
      month: date.getMonth() + 1,
      day: date.getDate(),
      hour: date.getHours(),
      minute: date.getMinutes(),
      second: date.getSeconds(),
      millisecond: date.getMilliseconds(),
    },
    { zone },
  );
}

/** A string as moment reads it without a format; `fallback` reads what is neither ISO nor RFC 2822. */
function fromString(text: string, zone: string, fallback: (text: string) => DateTime): DateTime {
  const iso = fromIso(text, zone);
  if (iso) return iso;
  const rfc = DateTime.fromRFC2822(text.replace(/\([^)]*\)|[\n\t]/g, ' ').trim(), { zone });
  if (rfc.isValid) return rfc.setZone(zone);
  return fallback(text);
}

/** Anything that is not a string: a timestamp in milliseconds, a Date, a DateTime, or nothing. */
function fromOther(value: unknown, zone: string, now: number): DateTime {
  if (value === undefined) return DateTime.fromMillis(now, { zone });
  if (DateTime.isDateTime(value)) return value.setZone(zone);
  if (value instanceof Date) return DateTime.fromJSDate(value).setZone(zone);
  if (typeof value === 'number') return DateTime.fromMillis(value, { zone });
  return DateTime.invalid('unparsable', `${JSON.stringify(value)} is not a date`);
}

/** `moment(value)`: the date shown in `zone` (BudFlow's local zone: the workflow's time zone). */
export function momentLocal(value: unknown, zone: string, now: number): DateTime {
  if (typeof value !== 'string') return fromOther(value, zone, now);
  return fromString(value, zone, (text) => parseWithDate(text, zone));
}

/**
 * `moment.tz(value, zone)`: like `momentLocal`, except that moment reads a string it can only hand to Date
 * as UTC (it appends " UTC"), whatever the zone.
 */
export function momentInZone(value: unknown, zone: string, now: number): DateTime {
  if (typeof value !== 'string') return fromOther(value, zone, now);
  return fromString(value, zone, (text) => {
    const date = new Date(`${text} UTC`);
    return Number.isNaN(date.getTime())
      ? DateTime.invalid('unparsable', `'${text}' is not a date`)
      : DateTime.fromJSDate(date).setZone(zone);
  });
}

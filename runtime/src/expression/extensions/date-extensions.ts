import { DateTime } from 'luxon';
import type { DateTimeUnit, DurationLike, DurationLikeObject, LocaleOptions } from 'luxon';

import { ExpressionError } from '../expression-error.js';
import { parseDateTime } from './date-time-parsing.js';
import { defineExtensions } from './extension-map.js';

/** Date extensions accept both JS Dates and luxon DateTimes; a Date in gives a Date back, as in n8n. */
type DateLike = Date | DateTime;

const DURATION_UNITS = [
  'milliseconds',
  'seconds',
  'minutes',
  'hours',
  'days',
  'weeks',
  'months',
  'quarters',
  'years',
];
const DATE_PARTS = [
  'day',
  'week',
  'month',
  'year',
  'hour',
  'minute',
  'second',
  'millisecond',
  'weekNumber',
  'yearDayNumber',
  'weekday',
];

/** Singular and short unit names to the plural names luxon durations use. */
const TO_DURATION_UNIT: Record<string, string> = {
  day: 'days',
  month: 'months',
  year: 'years',
  week: 'weeks',
  hour: 'hours',
  minute: 'minutes',
  second: 'seconds',
  millisecond: 'milliseconds',
  ms: 'milliseconds',
  sec: 'seconds',
  secs: 'seconds',
  hr: 'hours',
  hrs: 'hours',
  min: 'minutes',
  mins: 'minutes',
  quarter: 'quarters',
};

/** Plural and short unit names to the singular names luxon's startOf/get use. */
const TO_DATE_UNIT: Record<string, string> = {
  days: 'day',
  months: 'month',
  years: 'year',
  hours: 'hour',
  minutes: 'minute',
  seconds: 'second',
  milliseconds: 'millisecond',
  weeks: 'week',
  quarters: 'quarter',
  hrs: 'hour',
  hr: 'hour',
  mins: 'minute',
  min: 'minute',
  secs: 'second',
  sec: 'second',
  ms: 'millisecond',
};

const asDateTime = (date: DateLike): DateTime =>
  DateTime.isDateTime(date) ? date : DateTime.fromJSDate(date);
/** Returns the result in the caller's representation: a JS Date stays a JS Date. */
const like = (original: DateLike, result: DateTime): DateLike =>
  original instanceof Date ? result.toJSDate() : result;

function lookup(map: Record<string, string>, unit: string): string {
  return Object.hasOwn(map, unit) ? (map[unit] ?? unit) : unit;
}

function durationOf(amount: unknown, unit: unknown): DurationLikeObject {
  return { [lookup(TO_DURATION_UNIT, String(unit))]: Number(amount) } as DurationLikeObject;
}

function shift(date: DateLike, args: readonly unknown[], direction: 'plus' | 'minus'): DateLike {
  const duration: DurationLike =
    args.length === 1 ? (args[0] as DurationLike) : durationOf(args[0] ?? 0, args[1] ?? 'minutes');
  return like(date, asDateTime(date)[direction](duration));
}

/** Dates given as arguments: DateTimes, JS Dates or strings; undefined when a string does not parse. */
function argumentDate(value: unknown): DateTime | undefined {
  if (DateTime.isDateTime(value)) return value;
  if (value instanceof Date) return DateTime.fromJSDate(value);
  if (typeof value === 'string') {
    const parsed = DateTime.fromJSDate(new Date(value));
    return parsed.isValid ? parsed : undefined;
  }
  return undefined;
}

function isBetween(date: DateLike, args: readonly unknown[]): boolean | undefined {
  if (args.length !== 2) throw new ExpressionError('isBetween(): expected exactly two args');
  const first = argumentDate(args[0]);
  const second = argumentDate(args[1]);
  if (!first || !second) return undefined;
  const time = asDateTime(date).toMillis();
  const [low, high] = first <= second ? [first, second] : [second, first];
  return low.toMillis() < time && time < high.toMillis();
}

function extract(date: DateLike, args: readonly unknown[]): number {
  const part = typeof args[0] === 'string' ? args[0] : 'week';
  const dateTime = asDateTime(date);
  if (part === 'yearDayNumber') return dateTime.ordinal;
  const unit = part === 'week' ? 'weekNumber' : lookup(TO_DATE_UNIT, part);
  return dateTime.get(unit as keyof DateTime) as number;
}

function diffTo(date: DateLike, args: readonly unknown[]): number | Record<string, number> {
  const [other, unit = 'days'] = args;
  let units = (Array.isArray(unit) ? unit : [unit]).map(String);
  if (units.length === 0) units = ['days'];
  const allowed = new Set([...DATE_PARTS, ...DURATION_UNITS]);
  const unsupported = units.find((candidate) => !allowed.has(candidate));
  if (unsupported !== undefined) {
    throw new ExpressionError(
      `Unsupported unit '${unsupported}'. Supported: ${DURATION_UNITS.map((name) => `'${name}'`).join(', ')}.`,
    );
  }
  const otherDate = other === undefined ? DateTime.now() : parseDateTime(other);
  const luxonUnits = units.map((name) => lookup(TO_DURATION_UNIT, name)) as Array<keyof DurationLikeObject>;
  const difference = asDateTime(date).diff(otherDate, luxonUnits);
  return luxonUnits.length > 1
    ? (difference.toObject() as Record<string, number>)
    : difference.as(luxonUnits[0] ?? 'days');
}

function isInLast(date: DateLike, args: readonly unknown[]): boolean {
  const now = DateTime.now();
  const since = now.minus(durationOf(args[0] ?? 0, args[1] ?? 'minutes'));
  const time = asDateTime(date);
  return since <= time && time <= now;
}

function format(date: DateLike, args: readonly unknown[]): string {
  const [pattern, options = {}] = args as [string, LocaleOptions | undefined];
  return asDateTime(date).toFormat(pattern, { ...options });
}

const toMillis = (date: DateLike): number => (DateTime.isDateTime(date) ? date.toMillis() : date.getTime());

/** n8n's date "data transformation functions" (on luxon DateTimes, JS Dates and ISO date strings). */
export const dateExtensions = defineExtensions<DateLike>('Date', {
  beginningOf: (date, args) =>
    like(date, asDateTime(date).startOf(lookup(TO_DATE_UNIT, String(args[0] ?? 'week')) as DateTimeUnit)),
  endOfMonth: (date) => like(date, asDateTime(date).endOf('month')),
  extract,
  isBetween,
  isDst: (date) => asDateTime(date).isInDST,
  isInLast,
  isWeekend: (date) => asDateTime(date).weekday >= 6,
  minus: (date, args) => shift(date, args, 'minus'),
  plus: (date, args) => shift(date, args, 'plus'),
  format,
  toDateTime: (date) => asDateTime(date),
  diffTo,
  diffToNow: (date, args) => diffTo(date, [DateTime.now(), args[0]]),
  toInt: toMillis,
  toFloat: toMillis,
  toBoolean: () => undefined,
  // Only null and undefined are empty; the generic isEmpty handles those.
  isEmpty: () => false,
  isNotEmpty: () => true,
});

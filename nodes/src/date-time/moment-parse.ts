import { DateTime, FixedOffsetZone } from 'luxon';
import { MOMENT_TOKENS } from './moment-format.js';

/**
 * Parsing with a moment.js format string (`DD/MM/YYYY HH:mm`), as Date & Time v1 does with `moment(value,
 * format[, strict])` and `moment.tz(value, format, zone)`. Forgiving mode searches each token ahead and skips
 * what does not fit; strict mode wants the input to follow the format exactly. Dates without an offset are
 * read in `zone`.
 */

interface Fields {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
  dayOfYear?: number;
  pm?: boolean;
  offset?: number;
  timestamp?: number;
}

type Apply = (fields: Fields, text: string) => void;

interface TokenParser {
  loose: RegExp;
  strict: RegExp;
  apply: Apply;
}

const MONTH_NAMES =
  /January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec/i;
const WEEKDAY_NAMES =
  /Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sun|Mon|Tue|Wed|Thu|Fri|Sat|Su|Mo|Tu|We|Th|Fr|Sa/i;

const int = (text: string) => parseInt(text, 10);
const set =
  (key: keyof Omit<Fields, 'pm'>, map: (n: number) => number = (n) => n): Apply =>
  (fields, text) => {
    fields[key] = map(int(text));
  };
const ignore: Apply = () => undefined;

const p = (loose: RegExp, strict: RegExp, apply: Apply): TokenParser => ({ loose, strict, apply });
const d1to2 = /\d\d?/;
const d2 = /\d\d/;

const PARSERS: Record<string, TokenParser> = {
  YYYY: p(/\d{1,4}/, /\d{4}/, set('year')),
  YYYYY: p(/[+-]?\d{1,6}/, /\d{5}/, set('year')),
  YYYYYY: p(/[+-]?\d{1,6}/, /[+-]\d{6}/, set('year')),
  Y: p(/[+-]?\d+/, /[+-]?\d+/, set('year')),
  YY: p(
    d1to2,
    d2,
    set('year', (y) => y + (y > 68 ? 1900 : 2000)),
  ),
  M: p(
    d1to2,
    d1to2,
    set('month', (m) => m - 1),
  ),
  MM: p(
    d1to2,
    d2,
    set('month', (m) => m - 1),
  ),
  Mo: p(
    /\d{1,2}(?:st|nd|rd|th)?/,
    /\d{1,2}(?:st|nd|rd|th)/,
    set('month', (m) => m - 1),
  ),
  MMM: p(MONTH_NAMES, MONTH_NAMES, monthName),
  MMMM: p(MONTH_NAMES, MONTH_NAMES, monthName),
  Q: p(
    /\d/,
    /\d/,
    set('month', (q) => (q - 1) * 3),
  ),
  D: p(d1to2, d1to2, set('day')),
  DD: p(d1to2, d2, set('day')),
  Do: p(/\d{1,2}(?:st|nd|rd|th)?/, /\d{1,2}(?:st|nd|rd|th)/, set('day')),
  DDD: p(/\d{1,3}/, /\d{1,3}/, set('dayOfYear')),
  DDDD: p(/\d{1,3}/, /\d{3}/, set('dayOfYear')),
  H: p(d1to2, d1to2, set('hour')),
  HH: p(d1to2, d2, set('hour')),
  h: p(d1to2, d1to2, set('hour')),
  hh: p(d1to2, d2, set('hour')),
  k: p(
    d1to2,
    d1to2,
    set('hour', (h) => (h === 24 ? 0 : h)),
  ),
  kk: p(
    d1to2,
    d2,
    set('hour', (h) => (h === 24 ? 0 : h)),
  ),
  m: p(d1to2, d1to2, set('minute')),
  mm: p(d1to2, d2, set('minute')),
  s: p(d1to2, d1to2, set('second')),
  ss: p(d1to2, d2, set('second')),
  a: p(/[ap]\.?m?\.?/i, /[ap]\.?m?\.?/i, meridiem),
  A: p(/[ap]\.?m?\.?/i, /[ap]\.?m?\.?/i, meridiem),
  Z: p(/Z|[+-]\d\d(?::?\d\d)?/i, /Z|[+-]\d\d(?::?\d\d)?/i, zoneOffset),
  ZZ: p(/Z|[+-]\d\d(?::?\d\d)?/i, /Z|[+-]\d\d(?::?\d\d)?/i, zoneOffset),
  X: p(/[+-]?\d+(?:\.\d{1,3})?/, /[+-]?\d+(?:\.\d{1,3})?/, (f, t) => (f.timestamp = parseFloat(t) * 1000)),
  x: p(/[+-]?\d+/, /[+-]?\d+/, (f, t) => (f.timestamp = int(t))),
  d: p(/[0-6]/, /[0-6]/, ignore),
  e: p(/[0-6]/, /[0-6]/, ignore),
  E: p(/[1-7]/, /[1-7]/, ignore),
  dd: p(WEEKDAY_NAMES, WEEKDAY_NAMES, ignore),
  ddd: p(WEEKDAY_NAMES, WEEKDAY_NAMES, ignore),
  dddd: p(WEEKDAY_NAMES, WEEKDAY_NAMES, ignore),
};

function monthName(fields: Fields, text: string): void {
  const index = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(
    text.slice(0, 3).toLowerCase(),
  );
  fields.month = index;
}

function meridiem(fields: Fields, text: string): void {
  fields.pm = text.toLowerCase().startsWith('p');
}

function zoneOffset(fields: Fields, text: string): void {
  if (text.toUpperCase() === 'Z') {
    fields.offset = 0;
    return;
  }
  const [, sign, hours, minutes] = /([+-])(\d\d):?(\d\d)?/.exec(text)!;
  fields.offset = (sign === '-' ? -1 : 1) * (int(hours!) * 60 + int(minutes ?? '0'));
}

function fractionParser(length: number): TokenParser {
  const strict = new RegExp(`\\d{${length}}`);
  const loose = length < 3 ? /\d{1,3}/ : /\d+/;
  return p(loose, length < 3 ? strict : /\d{3,}/, (fields, text) => {
    fields.millisecond = Math.floor(Number(`0.${text}`) * 1000);
  });
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Splits a format into parse steps: token parsers and literal text. */
function steps(format: string): Array<TokenParser | RegExp> {
  const result: Array<TokenParser | RegExp> = [];
  for (const match of format.matchAll(MOMENT_TOKENS)) {
    const [text, literal, escape, token] = match;
    if (literal !== undefined) result.push(new RegExp(escapeRegex(literal.slice(1, -1))));
    else if (escape !== undefined) result.push(new RegExp(escapeRegex(text.slice(1))));
    else if (token && /^S{1,9}$/.test(token)) result.push(fractionParser(token.length));
    else if (token && PARSERS[token]) result.push(PARSERS[token]);
    else result.push(new RegExp(escapeRegex(text)));
  }
  return result;
}

/** Reads the fields of `input` by the format; undefined when strict parsing fails or nothing matched. */
function readFields(input: string, format: string, strict: boolean): Fields | undefined {
  const fields: Fields = {};
  let rest = input;
  let matchedAny = false;
  for (const step of steps(format)) {
    const isToken = !(step instanceof RegExp);
    const regex = isToken ? (strict ? step.strict : step.loose) : step;
    const found = regex.exec(rest);
    if (!found || (strict && found.index !== 0)) {
      if (strict) return undefined;
      continue;
    }
    rest = rest.slice(found.index + found[0].length);
    if (isToken) {
      step.apply(fields, found[0]);
      matchedAny = true;
    }
  }
  if (!matchedAny || (strict && rest.length > 0)) return undefined;
  return fields;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** moment's defaults: leading missing date parts come from today, the rest from the start of the period. */
function complete(fields: Fields, today: DateTime): number[] | undefined {
  const parts = [
    fields.year,
    fields.month,
    fields.day,
    fields.hour,
    fields.minute,
    fields.second,
    fields.millisecond,
  ];
  if (fields.dayOfYear !== undefined) {
    const date = new Date(Date.UTC(fields.year ?? today.year, 0, fields.dayOfYear));
    parts[1] = date.getUTCMonth();
    parts[2] = date.getUTCDate();
  }
  const now = [today.year, today.month - 1, today.day];
  let i = 0;
  for (; i < 3 && parts[i] === undefined; i++) parts[i] = now[i];
  for (; i < 7; i++) parts[i] ??= i === 2 ? 1 : 0;
  const values = parts as number[];
  const hour12 = values[3]!;
  if (fields.pm === true && hour12 < 12) values[3] = hour12 + 12;
  if (fields.pm === false && hour12 === 12) values[3] = 0;
  const [year, month, day, hour, minute, second, ms] = values as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const overflow =
    month < 0 ||
    month > 11 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 24 ||
    (hour === 24 && (minute > 0 || second > 0 || ms > 0)) ||
    minute > 59 ||
    second > 59 ||
    ms > 999;
  return overflow ? undefined : values;
}

/**
 * A date from `input` read by a moment format, in `zone` unless the input has an offset; an invalid DateTime
 * when it does not parse (moment's invalid date).
 */
export function parseMomentFormat(
  input: string,
  format: string,
  zone: string,
  options: { strict?: boolean; now: number },
): DateTime {
  const fields = readFields(input, format, options.strict === true);
  if (!fields) return DateTime.invalid('unparsable', `'${input}' does not match the format '${format}'`);
  if (fields.timestamp !== undefined) return DateTime.fromMillis(fields.timestamp, { zone });
  const values = complete(fields, DateTime.fromMillis(options.now, { zone }));
  if (!values) return DateTime.invalid('overflow', `'${input}' has a part out of range for '${format}'`);
  const [year, month, day, hour, minute, second, millisecond] = values as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const readZone = fields.offset !== undefined ? FixedOffsetZone.instance(fields.offset) : zone;
  const parsed = DateTime.fromObject(
    { year, month: month + 1, day, hour: hour === 24 ? 0 : hour, minute, second, millisecond },
    { zone: readZone },
  );
  return (hour === 24 ? parsed.plus({ days: 1 }) : parsed).setZone(zone);
}

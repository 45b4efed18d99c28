import type { DateTime } from 'luxon';
import { ISO_WEEKS, LOCALE_WEEKS, weekOf } from './moment-weeks.js';

/**
 * Formatting with moment.js format strings (`YYYY-MM-DD`, `MMMM Do YYYY, h:mm a`, `X`), as Date & Time v1
 * does with moment and its English locale. The date is formatted in its own zone.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** moment's English long date formats, expanded before formatting. */
const LONG_FORMATS: Record<string, string> = {
  LTS: 'h:mm:ss A',
  LT: 'h:mm A',
  L: 'MM/DD/YYYY',
  LL: 'MMMM D, YYYY',
  LLL: 'MMMM D, YYYY h:mm A',
  LLLL: 'dddd, MMMM D, YYYY h:mm A',
  l: 'M/D/YYYY',
  ll: 'MMM D, YYYY',
  lll: 'MMM D, YYYY h:mm A',
  llll: 'ddd, MMM D, YYYY h:mm A',
};

/** moment's default format, used for an empty format string. */
export const MOMENT_DEFAULT_FORMAT = 'YYYY-MM-DDTHH:mm:ssZ';

/** The tokens of a moment format: `[literal]`, a token, or any other single character. */
export const MOMENT_TOKENS =
  /(\[[^[]*\])|(\\)?([Hh]mm(ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|N{1,5}|YYYYYY|YYYYY|YYYY|YY|y{2,4}|yo?|gg(ggg?)?|GG(GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)/g;

const pad = (value: number, width: number): string => {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(value)).padStart(width, '0');
};

/** English ordinal: 1st, 2nd, 3rd, 11th, 22nd. */
export function ordinal(n: number): string {
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const suffix = tens === 1 ? 'th' : units === 1 ? 'st' : units === 2 ? 'nd' : units === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function offset(dt: DateTime, separator: string): string {
  const minutes = dt.offset;
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60), 2)}${separator}${pad(abs % 60, 2)}`;
}

const hour12 = (dt: DateTime) => dt.hour % 12 || 12;
const weekday = (dt: DateTime) => dt.weekday % 7;

/** The text of one token; undefined when it is not a moment token. */
function tokenValue(dt: DateTime, token: string): string | undefined {
  const fraction = /^S{1,9}$/.test(token)
    ? pad(dt.millisecond, 3).padEnd(9, '0').slice(0, token.length)
    : undefined;
  if (fraction !== undefined) return fraction;
  const values: Record<string, () => string> = {
    M: () => String(dt.month),
    Mo: () => ordinal(dt.month),
    MM: () => pad(dt.month, 2),
    MMM: () => MONTHS[dt.month - 1]!.slice(0, 3),
    MMMM: () => MONTHS[dt.month - 1]!,
    Q: () => String(dt.quarter),
    Qo: () => ordinal(dt.quarter),
    D: () => String(dt.day),
    Do: () => ordinal(dt.day),
    DD: () => pad(dt.day, 2),
    DDD: () => String(dt.ordinal),
    DDDo: () => ordinal(dt.ordinal),
    DDDD: () => pad(dt.ordinal, 3),
    d: () => String(weekday(dt)),
    do: () => ordinal(weekday(dt)),
    dd: () => WEEKDAYS[weekday(dt)]!.slice(0, 2),
    ddd: () => WEEKDAYS[weekday(dt)]!.slice(0, 3),
    dddd: () => WEEKDAYS[weekday(dt)]!,
    e: () => String(weekday(dt)),
    E: () => String(dt.weekday),
    w: () => String(weekOf(dt, LOCALE_WEEKS).week),
    wo: () => ordinal(weekOf(dt, LOCALE_WEEKS).week),
    ww: () => pad(weekOf(dt, LOCALE_WEEKS).week, 2),
    W: () => String(weekOf(dt, ISO_WEEKS).week),
    Wo: () => ordinal(weekOf(dt, ISO_WEEKS).week),
    WW: () => pad(weekOf(dt, ISO_WEEKS).week, 2),
    gg: () => pad(weekOf(dt, LOCALE_WEEKS).year % 100, 2),
    gggg: () => pad(weekOf(dt, LOCALE_WEEKS).year, 4),
    ggggg: () => pad(weekOf(dt, LOCALE_WEEKS).year, 5),
    GG: () => pad(weekOf(dt, ISO_WEEKS).year % 100, 2),
    GGGG: () => pad(weekOf(dt, ISO_WEEKS).year, 4),
    GGGGG: () => pad(weekOf(dt, ISO_WEEKS).year, 5),
    Y: () => (dt.year <= 9999 ? pad(dt.year, 4) : `+${dt.year}`),
    YY: () => pad(dt.year % 100, 2),
    YYYY: () => pad(dt.year, 4),
    YYYYY: () => pad(dt.year, 5),
    YYYYYY: () => (dt.year < 0 ? '-' : '+') + pad(Math.abs(dt.year), 6),
    y: () => String(dt.year),
    yy: () => pad(dt.year % 100, 2),
    yyy: () => String(dt.year),
    yyyy: () => String(dt.year),
    N: () => (dt.year > 0 ? 'AD' : 'BC'),
    NN: () => (dt.year > 0 ? 'AD' : 'BC'),
    NNN: () => (dt.year > 0 ? 'AD' : 'BC'),
    NNNN: () => (dt.year > 0 ? 'Anno Domini' : 'Before Christ'),
    NNNNN: () => (dt.year > 0 ? 'AD' : 'BC'),
    a: () => (dt.hour < 12 ? 'am' : 'pm'),
    A: () => (dt.hour < 12 ? 'AM' : 'PM'),
    H: () => String(dt.hour),
    HH: () => pad(dt.hour, 2),
    h: () => String(hour12(dt)),
    hh: () => pad(hour12(dt), 2),
    k: () => String(dt.hour || 24),
    kk: () => pad(dt.hour || 24, 2),
    hmm: () => `${hour12(dt)}${pad(dt.minute, 2)}`,
    hmmss: () => `${hour12(dt)}${pad(dt.minute, 2)}${pad(dt.second, 2)}`,
    Hmm: () => `${dt.hour}${pad(dt.minute, 2)}`,
    Hmmss: () => `${dt.hour}${pad(dt.minute, 2)}${pad(dt.second, 2)}`,
    m: () => String(dt.minute),
    mm: () => pad(dt.minute, 2),
    s: () => String(dt.second),
    ss: () => pad(dt.second, 2),
    // Zone abbreviations come from Intl ('PST', but 'GMT+9' where moment-timezone says 'JST').
    z: () => dt.offsetNameShort ?? '',
    zz: () => dt.offsetNameShort ?? '',
    Z: () => offset(dt, ':'),
    ZZ: () => offset(dt, ''),
    X: () => String(Math.floor(dt.toMillis() / 1000)),
    x: () => String(dt.toMillis()),
  };
  return values[token]?.();
}

function expandLongFormats(format: string): string {
  let expanded = format;
  for (let i = 0; i < 5 && /(\[[^[]*\])|(\\)?(LTS|LT|LL?L?L?|l{1,4})/.test(expanded); i++) {
    expanded = expanded.replace(
      /(\[[^[]*\])|(\\)?(LTS|LT|LL?L?L?|l{1,4})/g,
      (match, literal: string | undefined) =>
        literal !== undefined ? match : (LONG_FORMATS[match] ?? match),
    );
  }
  return expanded;
}

/** Formats a date like moment's `format(format)`; an invalid date formats as "Invalid date". */
export function formatMoment(dt: DateTime, format: string): string {
  if (!dt.isValid) return 'Invalid date';
  const expanded = expandLongFormats(format || MOMENT_DEFAULT_FORMAT);
  return expanded.replace(
    MOMENT_TOKENS,
    (match: string, literal?: string, escape?: string, token?: string) => {
      if (literal !== undefined) return literal.slice(1, -1);
      if (escape !== undefined) return match.slice(1);
      return tokenValue(dt, token ?? match) ?? match;
    },
  );
}

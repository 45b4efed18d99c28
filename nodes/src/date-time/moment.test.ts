import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { formatMoment } from './moment-format.js';
import { momentInZone, momentLocal } from './moment-input.js';
import { parseMomentFormat } from './moment-parse.js';

const NOW = Date.UTC(2024, 0, 2, 3, 4, 5, 678);
const at = (iso: string, zone = 'UTC') => DateTime.fromISO(iso, { zone });
const utc = (date: DateTime) => (date.isValid ? date.toUTC().toISO() : `invalid: ${date.invalidReason}`);

describe('moment formats', () => {
  const date = DateTime.fromMillis(NOW, { zone: 'UTC' });
  it.each([
    ['date and time', 'YYYY-MM-DD HH:mm:ss.SSS', '2024-01-02 03:04:05.678'],
    ['ordinals and names', 'Do MMMM YYYY, dddd', '2nd January 2024, Tuesday'],
    ['12-hour clock', 'h:mm a / hh A', '3:04 am / 03 AM'],
    ['Unix seconds', 'X', '1704164645'],
    ['Unix milliseconds', 'x', '1704164645678'],
    ['escaped text', '[Week] W, Q[Q]', 'Week 1, 1Q'],
    ['the default format for an empty one', '', '2024-01-02T03:04:05+00:00'],
    ['long date formats', 'LL', 'January 2, 2024'],
    ['short names and day of year', 'ddd, DDDD', 'Tue, 002'],
    ['offsets', 'Z ZZ', '+00:00 +0000'],
    ['two-digit years and single digits', 'YY M D', '24 1 2'],
  ])('%s', (_name, format, expected) => {
    expect(formatMoment(date, format)).toBe(expected);
  });

  it.each([
    ['ISO week-year at the turn of the year', '2024-12-31', 'W GGGG', '1 2025'],
    ['locale (Sunday) weeks', '2024-12-31', 'w gggg', '1 2025'],
    ['k counts hours 1-24', '2024-01-01T00:30', 'k:mm', '24:30'],
  ])('%s', (_name, iso, format, expected) => {
    expect(formatMoment(at(iso), format)).toBe(expected);
  });

  it('formats in the date zone and says "Invalid date" for an invalid one', () => {
    expect(formatMoment(at('2024-01-02T10:00:00Z').setZone('Asia/Kolkata'), 'HH:mm Z')).toBe('15:30 +05:30');
    expect(formatMoment(DateTime.invalid('x'), 'YYYY')).toBe('Invalid date');
  });
});

describe('moment parsing with a format', () => {
  it.each([
    ['day first', '25/12/2023', 'DD/MM/YYYY', '2023-12-25T00:00:00.000Z'],
    ['loose: extra text is skipped', 'on 2023-12-25, please', 'YYYY-MM-DD', '2023-12-25T00:00:00.000Z'],
    ['two-digit year and meridiem', '12-25-23 5:30 pm', 'MM-DD-YY h:mm a', '2023-12-25T17:30:00.000Z'],
    ['month names', '1 Jan 2024', 'D MMM YYYY', '2024-01-01T00:00:00.000Z'],
    ['a time alone is today', '10:30', 'HH:mm', '2024-01-02T10:30:00.000Z'],
    ['a year alone is its first day', '2021', 'YYYY', '2021-01-01T00:00:00.000Z'],
    ['an offset in the input', '2023-01-01 10:00 +02:00', 'YYYY-MM-DD HH:mm Z', '2023-01-01T08:00:00.000Z'],
    ['Unix seconds', '1704164645', 'X', '2024-01-02T03:04:05.000Z'],
    ['a day out of range', '31/02/2023', 'DD/MM/YYYY', 'invalid: overflow'],
    ['nothing that fits', 'hello', 'YYYY', 'invalid: unparsable'],
  ])('%s', (_name, input, format, expected) => {
    expect(utc(parseMomentFormat(input, format, 'UTC', { now: NOW }))).toBe(expected);
  });

  it('reads wall times in the zone, and strict mode wants the exact format', () => {
    expect(utc(parseMomentFormat('2022-01-12', 'YYYY-DD-MM', 'US/Hawaii', { now: NOW }))).toBe(
      '2022-12-01T10:00:00.000Z',
    );
    expect(
      parseMomentFormat('2023-12-25 extra', 'YYYY-MM-DD', 'UTC', { strict: true, now: NOW }).isValid,
    ).toBe(false);
    expect(parseMomentFormat('2023-12-25', 'YYYY-MM-DD', 'UTC', { strict: true, now: NOW }).isValid).toBe(
      true,
    );
  });
});

describe('moment reading without a format', () => {
  it.each([
    ['ISO date: midnight in the zone', '2022-08-01', '2022-08-01T04:00:00.000Z'],
    ['ISO with a space and an offset', '2022-08-01 10:00:00+02:00', '2022-08-01T08:00:00.000Z'],
    ['RFC 2822', 'Mon, 01 Aug 2022 10:00:00 GMT', '2022-08-01T10:00:00.000Z'],
    ["Date's formats: a wall time in the zone", '08/01/2022', '2022-08-01T04:00:00.000Z'],
    ["Date's formats with a zone", 'Mon Aug 01 2022 10:00:00 GMT+0200', '2022-08-01T08:00:00.000Z'],
    ['a timestamp', 1659312000000, '2022-08-01T00:00:00.000Z'],
    ['not a date', 'soon', 'invalid: unparsable'],
  ])('%s', (_name, value, expected) => {
    expect(utc(momentLocal(value, 'America/New_York', NOW))).toBe(expected);
  });

  it('moment.tz reads what only Date understands as UTC, as moment-timezone does', () => {
    expect(utc(momentInZone('08/01/2022', 'US/Hawaii', NOW))).toBe('2022-08-01T00:00:00.000Z');
    expect(utc(momentInZone('2022-08-01', 'US/Hawaii', NOW))).toBe('2022-08-01T10:00:00.000Z');
  });
});

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import { compileExpression } from '../index.js';

// 2024-03-30 is a Saturday; tests run with TZ=UTC.
const $dt = DateTime.fromISO('2024-03-30T18:49:00.000Z', { zone: 'utc' });
const $date = new Date('2024-03-30T18:49:00.000Z');
const evaluate = (code: string): unknown => compileExpression(`={{ ${code} }}`).evaluate({ $dt, $date });

describe('date extensions', () => {
  it.each<[string, unknown]>([
    ["$dt.format('dd/LL/yyyy')", '30/03/2024'],
    ["$dt.format('dd LLL yy')", '30 Mar 24'],
    ["$dt.format('dd LLL yyyy', { locale: 'fr' })", '30 mars 2024'],
    ["$dt.plus(7, 'days').toISODate()", '2024-04-06'],
    ["$dt.plus(1, 'day').toISODate()", '2024-03-31'],
    ['$dt.plus({ hours: 2 }).hour', 20],
    ["$dt.minus(4, 'years').year", 2020],
    ["$dt.minus(30, 'mins').minute", 19],
    ["$dt.diffTo('2024-03-29T18:49:00Z', 'days')", 1],
    ["$dt.diffTo('2024-03-29T06:49:00Z', 'hours')", 36],
    ["$dt.diffTo('2024-01-29T18:49:00Z', ['months', 'days'])", { months: 2, days: 1 }],
    ["$dt.isBetween('2020-06-01', '2025-06-01')", true],
    ["$dt.isBetween('2025-06-01', '2020-06-01')", true],
    ["$dt.isBetween('2024-04-01', '2025-01-01')", false],
    ["$dt.isBetween('nonsense', '2025-01-01')", undefined],
    ["$dt.extract('month')", 3],
    ["$dt.extract('hour')", 18],
    ['$dt.extract()', 13],
    ["$dt.extract('yearDayNumber')", 90],
    ["$dt.beginningOf('month').toISO()", '2024-03-01T00:00:00.000Z'],
    ['$dt.beginningOf().toISODate()', '2024-03-25'],
    ['$dt.endOfMonth().day', 31],
    ['$dt.isWeekend()', true],
    ["$dt.plus(1, 'day').isWeekend()", true],
    ["$dt.minus(1, 'day').isWeekend()", false],
    ['$dt.isDst()', false],
    ["DateTime.now().minus(5, 'minutes').isInLast(10, 'minutes')", true],
    ["DateTime.now().minus(5, 'minutes').isInLast(1, 'minutes')", false],
    ['$dt.toInt()', Date.UTC(2024, 2, 30, 18, 49)],
    ['$dt.toDateTime() === $dt', true],
    ['$dt.isEmpty()', false],
    ['$dt.isNotEmpty()', true],
    ["$date.plus(1, 'days').toISOString()", '2024-03-31T18:49:00.000Z'],
    ["$date.format('yyyy-MM-dd HH:mm')", '2024-03-30 18:49'],
    ['$date.toDateTime().toMillis()', Date.UTC(2024, 2, 30, 18, 49)],
    ["'2024-03-30T18:49:00.000Z'.plus(1, 'days') instanceof Date", true],
    ["'2024-03-30T18:49:00.000Z'.extract('day')", 30],
    ["'2024-03-30T18:49:00.000Z'.toDateTime().day", 30],
  ])('%s', (code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });

  it.each([
    ["$dt.isBetween('2020-06-01')", 'isBetween(): expected exactly two args'],
    ["$dt.diffTo('2024-01-01', 'fortnights')", "Unsupported unit 'fortnights'"],
  ])('%s throws', (code, message) => {
    expect(() => evaluate(code)).toThrow(message);
  });
});

import { describe, expect, it } from 'vitest';

import { compileExpression } from '../index.js';

const evaluate = (code: string): unknown => compileExpression(`={{ ${code} }}`).evaluate({});

describe('number extensions', () => {
  it.each<[string, unknown]>([
    ['(1.256).round()', 1],
    ['(1.256).round(1)', 1.3],
    ['(1.256).round(2)', 1.26],
    ['(1.234).floor()', 1],
    ['(1.234).ceil()', 2],
    ['(-1.7).abs()', 1.7],
    ['(4).isInteger()', true],
    ['(4.12).isInteger()', false],
    ['(42).isEven()', true],
    ['(33).isOdd()', true],
    ['(-3).isOdd()', true],
    ['(0).toBoolean()', false],
    ['(-1.3).toBoolean()', true],
    ['(1.4).toInt()', 1],
    ['(1.6).toInt()', 2],
    ['(1.5).toFloat()', 1.5],
    ['(1234.5).format()', '1,234.5'],
    ["(123456.789).format('de-DE')", '123.456,789'],
    ["(1234.5).format('en-US', { style: 'currency', currency: 'USD' })", '$1,234.50'],
    ['(1708695471000).toDateTime().toMillis()', 1708695471000],
    ["(1708695471).toDateTime('s').toMillis()", 1708695471000],
    ["(1708695471000000).toDateTime('us').toMillis()", 1708695471000],
    ["(45345).toDateTime('excel').toISODate()", '2024-02-23'],
  ])('%s', (code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });

  it.each([
    ['(1.5).isEven()', 'isEven() is only callable on integers'],
    ['(1.5).isOdd()', 'isOdd() is only callable on integers'],
    [
      "(5).toDateTime('days')",
      "Unsupported format 'days'. toDateTime() supports 'ms', 's', 'us' and 'excel'.",
    ],
  ])('%s throws', (code, message) => {
    expect(() => evaluate(code)).toThrow(message);
  });
});

describe('boolean extensions', () => {
  it.each<[string, unknown]>([
    ['true.toNumber()', 1],
    ['false.toNumber()', 0],
    ['true.toInt()', 1],
    ['false.toFloat()', 0],
    ['true.toBoolean()', true],
    ['true.toDateTime()', undefined],
    ['false.isEmpty()', true],
    ['true.isNotEmpty()', true],
  ])('%s', (code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });
});

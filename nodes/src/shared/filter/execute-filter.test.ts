import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { executeFilter } from './execute-filter.js';
import { FilterError } from './filter-value.js';
import type { FilterOperatorType, FilterOptions, FilterValue } from './filter-value.js';

const STRICT: FilterOptions = { caseSensitive: true, typeValidation: 'strict', version: 2 };
const LOOSE: FilterOptions = { caseSensitive: true, typeValidation: 'loose', version: 2 };

function filter(
  type: FilterOperatorType,
  operation: string,
  leftValue: unknown,
  rightValue: unknown = '',
  options = STRICT,
  extra = {},
): FilterValue {
  return {
    options,
    combinator: 'and',
    conditions: [{ leftValue, rightValue, operator: { type, operation, ...extra } }],
  };
}

describe('filter operators', () => {
  it.each([
    ['string equals', filter('string', 'equals', 'a', 'a'), true],
    ['string notEquals', filter('string', 'notEquals', 'a', 'b'), true],
    ['string contains', filter('string', 'contains', 'abc', 'b'), true],
    ['string notContains', filter('string', 'notContains', 'abc', 'x'), true],
    ['string startsWith', filter('string', 'startsWith', 'abc', 'ab'), true],
    ['string endsWith', filter('string', 'endsWith', 'abc', 'bc'), true],
    ['string regex with flags', filter('string', 'regex', 'ABC', '/b/i'), true],
    ['string notRegex', filter('string', 'notRegex', 'abc', '^x'), true],
    ['string empty on null', filter('string', 'empty', null, '', STRICT, { singleValue: true }), true],
    ['string notEmpty', filter('string', 'notEmpty', 'x', '', STRICT, { singleValue: true }), true],
    [
      'case-insensitive equals',
      filter('string', 'equals', 'ABC', 'abc', { ...STRICT, caseSensitive: false }),
      true,
    ],
    ['case-sensitive equals', filter('string', 'equals', 'ABC', 'abc'), false],
    ['number gt', filter('number', 'gt', 5, 3), true],
    ['number lte', filter('number', 'lte', 3, 3), true],
    ['number empty on NaN', filter('number', 'empty', NaN, '', STRICT, { singleValue: true }), true],
    ['boolean true', filter('boolean', 'true', true, '', STRICT, { singleValue: true }), true],
    ['boolean false', filter('boolean', 'false', false, '', STRICT, { singleValue: true }), true],
    ['boolean equals', filter('boolean', 'equals', true, false), false],
    ['dateTime before', filter('dateTime', 'before', '2023-10-20T16:45:52.367Z', '2023-10-21'), true],
    [
      'dateTime after a DateTime',
      filter('dateTime', 'after', DateTime.fromISO('2024-01-02'), '2024-01-01'),
      true,
    ],
    [
      'dateTime equals',
      filter('dateTime', 'equals', '2024-01-01T00:00:00Z', '2024-01-01T01:00:00+01:00'),
      true,
    ],
    ['array contains', filter('array', 'contains', ['a', 'b'], 'b', STRICT, { rightType: 'any' }), true],
    [
      'array contains ignoring case',
      filter('array', 'contains', ['A'], 'a', { ...STRICT, caseSensitive: false }, { rightType: 'any' }),
      true,
    ],
    ['array lengthGt', filter('array', 'lengthGt', [1, 2], 1, STRICT, { rightType: 'number' }), true],
    ['array empty', filter('array', 'empty', [], '', STRICT, { singleValue: true }), true],
    ['object empty', filter('object', 'empty', {}, '', STRICT, { singleValue: true }), true],
    ['object notEmpty', filter('object', 'notEmpty', { a: 1 }, '', STRICT, { singleValue: true }), true],
    ['exists', filter('any', 'exists', 0), true],
    ['notExists', filter('any', 'notExists', undefined), true],
    ['unknown operation is false', filter('string', 'sounds-like', 'a', 'a'), false],
  ])('%s', (_name, value, expected) => {
    expect(executeFilter(value)).toBe(expected);
  });

  it.each([
    ["'false' is false", 'false', false],
    ["'0' is false", '0', false],
    ['1 is true', 1, true],
    ["'true' is true", 'true', true],
  ])('loose booleans (v2): %s', (_name, value, expected) => {
    expect(executeFilter(filter('boolean', 'true', value, '', LOOSE, { singleValue: true }))).toBe(expected);
  });

  it('converts loose booleans with Boolean() before filter version 2', () => {
    expect(
      executeFilter(filter('boolean', 'true', 'false', '', { ...LOOSE, version: 1 }, { singleValue: true })),
    ).toBe(true);
  });

  it.each([
    ['and', 'and', false],
    ['or', 'or', true],
  ] as const)('combines with %s', (_name, combinator, expected) => {
    const value: FilterValue = {
      options: STRICT,
      combinator,
      conditions: [
        { leftValue: 1, rightValue: 1, operator: { type: 'number', operation: 'equals' } },
        { leftValue: 1, rightValue: 2, operator: { type: 'number', operation: 'equals' } },
      ],
    };
    expect(executeFilter(value)).toBe(expected);
  });
});

describe('filter type errors', () => {
  it.each([
    [
      'strict mismatch',
      filter('number', 'equals', '5', 5),
      "Wrong type: '5' is a string but was expecting a number [condition 0, item 3]",
    ],
    [
      'loose conversion',
      filter('number', 'equals', 'abc', 5, LOOSE),
      "Conversion error: the string 'abc' can't be converted to a number [condition 0, item 3]",
    ],
    [
      'right side',
      filter('number', 'equals', 5, 'x'),
      "Wrong type: 'x' is a string but was expecting a number [condition 0, item 3]",
    ],
    [
      'both sides',
      filter('number', 'equals', 'a', 'b'),
      'Comparison type expects a number but both fields are a string',
    ],
  ])('%s', (_name, value, message) => {
    const run = () => executeFilter(value, { itemIndex: 3 });
    expect(run).toThrow(FilterError);
    expect(run).toThrow(message);
  });

  it('suggests converting the value in strict mode', () => {
    try {
      executeFilter(filter('number', 'equals', '5', 5));
    } catch (error) {
      expect((error as FilterError).description).toContain('<code>.toNumber()</code>');
    }
  });
});

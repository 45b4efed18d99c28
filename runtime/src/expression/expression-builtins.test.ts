import type { DateTime, Duration, Interval } from 'luxon';
import { describe, expect, it } from 'vitest';

import { compileExpression, expressionBuiltins } from './index.js';

const scope = {
  $json: {
    people: [
      { name: 'Ann', age: 30 },
      { name: 'Bo', age: 20 },
    ],
    nested: { a: { b: [1, 2] } },
  },
};
const evaluate = (code: string): unknown => compileExpression(`={{ ${code} }}`).evaluate(scope);

describe('$if', () => {
  it.each<[string, unknown]>([
    ["$if(1 > 0, 'yes', 'no')", 'yes'],
    ["$if('', 'yes', 'no')", 'no'],
    ["$if(false, 'yes')", false],
    // Called indirectly, $if is the run-time function rather than the compiled conditional.
    ["(0, $if)(true, 'a', 'b')", 'a'],
    ["(0, $if)(false, 'a')", false],
  ])('%s', (code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });

  it('needs at least two arguments, also when called indirectly', () => {
    expect(() => evaluate('(0, $if)(true)')).toThrow('$if requires at least 2 parameters');
  });
});

describe('$ifEmpty', () => {
  it.each<[string, unknown]>([
    ["$ifEmpty(undefined, 'd')", 'd'],
    ["$ifEmpty(null, 'd')", 'd'],
    ["$ifEmpty('', 'd')", 'd'],
    ["$ifEmpty([], 'd')", 'd'],
    ["$ifEmpty({}, 'd')", 'd'],
    ["$ifEmpty(0, 'd')", 0],
    ["$ifEmpty(false, 'd')", false],
    ["$ifEmpty(' ', 'd')", ' '],
    ["$ifEmpty([0], 'd')", [0]],
    ["$ifEmpty({ a: 1 }, 'd')", { a: 1 }],
  ])('%s', (code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });

  it('wants exactly two arguments', () => {
    expect(() => evaluate('$ifEmpty(1)')).toThrow(
      'expected two arguments (value, defaultValue) for this function',
    );
  });
});

describe('$jmespath', () => {
  it.each<[string, unknown]>([
    ["$jmespath($json.nested, 'a.b[1]')", 2],
    ["$jmespath($json.people, '[?age > `25`].name')", ['Ann']],
    ["$jmesPath($json, 'people[*].age')", [30, 20]],
  ])('%s', (code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });

  it('takes the data first and the query second, as n8n', () => {
    expect(() => evaluate("$jmespath('people', $json)")).toThrow(
      'expected two arguments (Object, string) for this function',
    );
  });
});

describe('other built-ins', () => {
  it.each<[string, unknown]>([
    ['$max(1, 5, 3)', 5],
    ['$min(4, 2, 8)', 2],
    ['$average(1, 2, 3)', 2],
    ['$not(0)', true],
    ['numberList(3, 1)', [3, 2, 1]],
    ["zip(['a', 'b'], [1, 2])", { a: 1, b: 2 }],
    ["DateTime.fromISO('2024-01-01').year", 2024],
    ["Duration.fromObject({ hours: 2 }).as('minutes')", 120],
    [
      "Interval.fromDateTimes(DateTime.fromISO('2024-01-01'), DateTime.fromISO('2024-01-03')).length('days')",
      2,
    ],
    [
      "[isNaN('x'), isFinite('1'), parseFloat('1.5'), encodeURIComponent('a b')]",
      [false, false, 1.5, 'a%20b'],
    ],
    ['[NaN, Infinity, undefined].map(String)', ['NaN', 'Infinity', 'undefined']],
  ])('%s', (code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });
});

describe('expressionBuiltins', () => {
  it('lists the documented built-ins', () => {
    const builtins = expressionBuiltins();
    for (const name of [
      '$if',
      '$ifEmpty',
      '$jmespath',
      '$max',
      '$min',
      'DateTime',
      'Duration',
      'Interval',
      'Math',
      'JSON',
      'Object',
    ]) {
      expect(builtins).toHaveProperty(name);
    }
    expect((builtins.DateTime as typeof DateTime).fromISO('2024-01-01').year).toBe(2024);
    expect((builtins.Duration as typeof Duration).fromObject({ days: 1 }).as('hours')).toBe(24);
    expect((builtins.Interval as typeof Interval).invalid('x').isValid).toBe(false);
  });

  it('hands out a copy, so callers cannot change what expressions see', () => {
    const builtins = expressionBuiltins();
    builtins.$max = () => 'tampered';
    expect(evaluate('$max(1, 2)')).toBe(2);
  });
});

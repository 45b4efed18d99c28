import { describe, expect, it } from 'vitest';

import { compileExpression } from '../index.js';

const evaluate = (code: string): unknown => compileExpression(`={{ ${code} }}`).evaluate({});

describe('array extensions', () => {
  it.each<[string, unknown]>([
    ['[12, 1, 5].sum()', 18],
    ['[12, 1, 5].max()', 12],
    ['[12, 1, 5].min()', 1],
    ['[12, 1, 5].average()', 6],
    ['[].average()', 0],
    ["['quick', 'brown', 'fox'].first()", 'quick'],
    ["['quick', 'brown', 'fox'].last()", 'fox'],
    ['[].first()', undefined],
    ['[].isEmpty()', true],
    ['[0].isNotEmpty()', true],
    ["[{ name: 'Nathan', age: 42 }, { name: 'Jan', city: 'Berlin' }].pluck('name')", ['Nathan', 'Jan']],
    ["[{ name: 'Nathan', age: 42 }, { name: 'Jan', city: 'Berlin' }].pluck('age')", [42]],
    ["[{ name: 'Nathan', age: 42 }, { name: 'Jan' }].pluck('name', 'age')", [['Nathan', 42], 'Jan']],
    ["[1, 2, 2, 'a', 'a', { a: 1 }, { a: 1 }].unique()", [1, 2, 'a', { a: 1 }]],
    [
      "[{ id: 1, n: 'a' }, { id: 1, n: 'b' }, { id: 2, n: 'c' }].unique('id')",
      [
        { id: 1, n: 'a' },
        { id: 2, n: 'c' },
      ],
    ],
    ['[3, 3, 4].removeDuplicates()', [3, 4]],
    ["[2, null, 1, '', undefined, 'nil', {}, { a: null, b: 1 }].compact()", [2, 1, { b: 1 }]],
    ['[1, 2, 3, 4, 5].chunk(2)', [[1, 2], [3, 4], [5]]],
    [
      "[{ name: 'Nathan' }, { age: 42 }].merge([{ city: 'Berlin' }, { country: 'Germany' }])",
      { name: 'Nathan', age: 42, city: 'Berlin', country: 'Germany' },
    ],
    ['[{ a: 1 }, { a: 2, b: 3 }, 4].merge()', { a: 1, b: 3 }],
    ['[1, 2, 3].difference([2, 3])', [1]],
    ['[1, 2].intersection([2, 3])', [2]],
    ['[1, 2].union([2, 3])', [1, 2, 3]],
    [
      "[{ name: 'a', value: 1 }, { name: 'b', value: 2 }, { other: 3 }].smartJoin('name', 'value')",
      { a: 1, b: 2 },
    ],
    ["[{ name: 'bob' }, { name: 'meg' }, 7].renameKeys('name', 'x')", [{ x: 'bob' }, { x: 'meg' }, 7]],
    ["['forget', 'me'].append('not')", ['forget', 'me', 'not']],
    ['[9, 0].append(1, [2])', [9, 0, 1, [2]]],
    ['[7].randomItem()', 7],
    ['[].randomItem()', undefined],
    ["['a', 1].toJsonString()", '["a",1]'],
    ['[1].toInt()', undefined],
  ])('%s', (code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });

  it.each([
    ["[1, 'a'].sum()", 'sum(): all array elements must be numbers'],
    ["['x'].average()", 'average(): all array elements must be numbers'],
    ['[1].chunk(0)', 'chunk(): expected non-zero numeric arg'],
    ['[1].union(2)', 'union(): expected array arg'],
    ['[1].merge(2)', 'merge(): expected array arg'],
    ["[1].renameKeys('a')", 'renameKeys(): expected an even amount of args'],
    ["[1].smartJoin('a')", 'smartJoin(): expected two string args'],
  ])('%s throws', (code, message) => {
    expect(() => evaluate(code)).toThrow(message);
  });
});

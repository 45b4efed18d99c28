import { describe, expect, it } from 'vitest';
import { lodashLt, lodashToNumber } from './lodash-compare.js';

describe('lodashToNumber', () => {
  it.each([
    ['a number', 3, 3],
    ['numeric text', ' 42 ', 42],
    ['binary text', '0b101', 5],
    ['octal text', '0o17', 15],
    ['signed hex text', '-0x1f', NaN],
    ['null', null, 0],
    ['undefined', undefined, NaN],
    ['true', true, 1],
    ['a date', new Date(5), 5],
    ['an array of one', [7], 7],
    ['an object', { a: 1 }, NaN],
  ])('%s', (_name, value, expected) => {
    expect(lodashToNumber(value)).toBe(expected);
  });
});

describe('lodashLt', () => {
  it.each([
    ['texts by text', 'b', 'a', false],
    ['texts that look like numbers by text', '10', '9', true],
    ['number and text by number', 10, '9', false],
    ['null below one', null, 1, true],
    ['undefined never less', undefined, 1, false],
  ])('%s', (_name, a, b, expected) => {
    expect(lodashLt(a, b)).toBe(expected);
  });
});

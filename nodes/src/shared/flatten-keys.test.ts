import { describe, expect, it } from 'vitest';
import { flattenKeys } from './flatten-keys.js';

describe('flattenKeys', () => {
  it.each([
    ['top-level values', { a: 1, b: 'x' }, { a: 1, b: 'x' }],
    ['nested objects', { a: { b: { c: 1 } } }, { 'a.b.c': 1 }],
    ['list entries by index', { a: [1, { b: 2 }] }, { 'a.0': 1, 'a.1.b': 2 }],
    ['null as a leaf', { a: null }, { a: null }],
    ['empty objects and lists vanish', { a: {}, b: [], c: 1 }, { c: 1 }],
  ])('%s', (_name, value, expected) => {
    expect(flattenKeys(value)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { pickPaths } from './pick-paths.js';

describe('pickPaths (lodash pick)', () => {
  it.each([
    ['top-level keys', { a: 1, b: 2, c: 3 }, ['a', 'c'], { a: 1, c: 3 }],
    ['a nested path keeps its parents', { a: { b: 1, c: 2 } }, ['a.b'], { a: { b: 1 } }],
    ['a list index', { l: ['x', 'y'] }, ['l[1]'], { l: [undefined, 'y'] }],
    ['a dotted key that exists', { 'a.b': 1, a: { b: 2 } }, ['a.b'], { 'a.b': 1 }],
    ['missing paths are left out', { a: 1 }, ['x', 'a.y'], {}],
    ['null values are kept', { a: null }, ['a'], { a: null }],
  ])('%s', (_name, object, paths, expected) => {
    expect(pickPaths(object as Record<string, unknown>, paths)).toEqual(expected);
  });
});

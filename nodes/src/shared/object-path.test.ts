import { describe, expect, it } from 'vitest';
import { getPath, setPath, toPath, unsetPath } from './object-path.js';

describe('toPath', () => {
  it.each([
    ['a plain key', 'a', {}, ['a']],
    ['dots', 'a.b.c', {}, ['a', 'b', 'c']],
    ['an index', 'list[1].name', {}, ['list', '1', 'name']],
    ['a quoted key', 'a["b.c"]', {}, ['a', 'b.c']],
    ['a single-quoted key', "a['x']", {}, ['a', 'x']],
    ['a leading dot', '.a', {}, ['', 'a']],
    ['a literal key that exists', 'a.b', { 'a.b': 1 }, ['a.b']],
  ])('%s', (_name, path, object, expected) => {
    expect(toPath(path, object)).toEqual(expected);
  });
});

describe('getPath', () => {
  const data = { a: { b: [{ c: 1 }] }, 'x.y': 2, n: null };
  it.each([
    ['nested', 'a.b[0].c', 1],
    ['missing', 'a.z.q', undefined],
    ['through null', 'n.x', undefined],
    ['a literal dotted key', 'x.y', 2],
  ])('%s', (_name, path, expected) => {
    expect(getPath(data, path)).toEqual(expected);
  });
});

describe('setPath', () => {
  it.each([
    ['creates objects', {}, 'a.b', 1, { a: { b: 1 } }],
    ['creates an array before an index', {}, 'list[1]', 'x', { list: [undefined, 'x'] }],
    ['extends an existing array', { list: ['foo'] }, 'list[2]', true, { list: ['foo', undefined, true] }],
    ['replaces a primitive on the way', { a: 5 }, 'a.b', 1, { a: { b: 1 } }],
    ['writes a literal dotted key that exists', { 'a.b': 0 }, 'a.b', 1, { 'a.b': 1 }],
    ['refuses __proto__', {}, '__proto__.polluted', 1, {}],
  ])('%s', (_name, object, path, value, expected) => {
    expect(setPath(object as Record<string, unknown>, path, value)).toEqual(expected);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('unsetPath', () => {
  it.each([
    ['a nested key', { a: { b: 1, c: 2 } }, 'a.b', { a: { c: 2 } }],
    ['a missing parent', { a: 1 }, 'x.y', { a: 1 }],
    ['a top-level key', { a: 1, b: 2 }, 'b', { a: 1 }],
  ])('%s', (_name, object, path, expected) => {
    unsetPath(object as Record<string, unknown>, path);
    expect(object).toEqual(expected);
  });
});

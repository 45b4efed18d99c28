import { describe, expect, it } from 'vitest';
import { compareSpecificity, matchSegments, parsePath, shapeOf } from './path-pattern.js';

const segments = (path: string) => {
  const parsed = parsePath(path);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.segments;
};

describe('parsePath', () => {
  it.each([
    ['a literal path', 'orders', '/orders'],
    ['slashes around it', '/orders/new/', '/orders/new'],
    ['parameters', 'orders/:id/items/:item', '/orders/:/items/:'],
  ])('reads %s', (_name, path, shape) => {
    expect(shapeOf(segments(path))).toBe(shape);
  });

  it.each([
    ['an empty path', '', 'is empty'],
    ['an empty segment', 'a//b', 'empty segment'],
    ['a dot segment', 'a/../b', "'..' segment"],
    ['a wildcard', 'a/*', 'cannot match exactly'],
    ['a bad parameter name', 'a/:1x', 'not a valid parameter name'],
    ['a parameter twice', ':id/:id', "names the parameter 'id' twice"],
  ])('refuses %s', (_name, path, message) => {
    const parsed = parsePath(path);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(message);
  });
});

describe('matchSegments', () => {
  it.each([
    ['orders/:id', ['orders', '42'], { id: '42' }],
    ['orders/:id', ['orders', ''], undefined],
    ['orders/:id', ['orders', '42', 'x'], undefined],
    ['orders/new', ['orders', 'new'], {}],
    ['orders/new', ['orders', 'New'], undefined],
  ])('%s against %j', (pattern, actual, params) => {
    expect(matchSegments(segments(pattern), actual)).toEqual(params);
  });

  it('ranks a literal before a parameter at the first place they differ', () => {
    expect(compareSpecificity(segments('a/b/:c'), segments('a/:b/c'))).toBeLessThan(0);
    expect(compareSpecificity(segments(':a/b'), segments('a/:b'))).toBeGreaterThan(0);
    expect(compareSpecificity(segments('a/:b'), segments('a/:c'))).toBe(0);
  });
});

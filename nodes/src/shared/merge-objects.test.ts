import { describe, expect, it } from 'vitest';
import { assignWith, deepMerge, deepMergeWith } from './merge-objects.js';

describe('deepMerge (lodash merge semantics)', () => {
  it.each([
    ['later sources win', [{ a: 1 }, { a: 2, b: 3 }], { a: 2, b: 3 }],
    ['nested objects merge', [{ o: { x: 1, y: 1 } }, { o: { y: 2 } }], { o: { x: 1, y: 2 } }],
    ['arrays merge by index', [{ l: [1, 2, 3] }, { l: [9] }], { l: [9, 2, 3] }],
    ['undefined never overwrites', [{ a: 1 }, { a: undefined }], { a: 1 }],
    ['null overwrites', [{ a: 1 }, { a: null }], { a: null }],
  ])('%s', (_name, sources, expected) => {
    expect(deepMerge({}, ...sources)).toEqual(expected);
  });

  it('does not change the sources', () => {
    const first = { o: { x: 1 } };
    deepMerge({}, first, { o: { x: 2 } });
    expect(first).toEqual({ o: { x: 1 } });
  });

  it('lets a customizer keep values over empty ones', () => {
    const keep = (target: unknown, source: unknown) =>
      source === '' || source === null ? target : undefined;
    expect(deepMergeWith({ a: 1, b: 2, c: 3 }, [{ a: '', b: null, c: 4 }], keep)).toEqual({
      a: 1,
      b: 2,
      c: 4,
    });
    expect(assignWith({ a: 1 }, [{ a: '', b: 2 }], keep)).toEqual({ a: 1, b: 2 });
  });
});

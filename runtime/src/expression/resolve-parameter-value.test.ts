import { describe, expect, it } from 'vitest';

import { resolveParameterValue } from './index.js';

const scope = { $json: { id: 7, tags: ['a', 'b'] } };

describe('resolveParameterValue', () => {
  it.each<[string, unknown, unknown]>([
    ['a plain string', 'hello', 'hello'],
    ['a number', 5, 5],
    ['null', null, null],
    ['an expression', '={{ $json.id }}', 7],
    ['a template', '=id-{{ $json.id }}', 'id-7'],
    ['expressions in arrays', ['={{ $json.id }}', 'x'], [7, 'x']],
    [
      'expressions deep in objects',
      { url: '=https://x.io/{{ $json.id }}', body: { tags: '={{ $json.tags }}', raw: 1 } },
      { url: 'https://x.io/7', body: { tags: ['a', 'b'], raw: 1 } },
    ],
  ])('resolves %s', (_name, value, expected) => {
    expect(resolveParameterValue(value, scope)).toEqual(expected);
  });

  it('returns the same containers when nothing is an expression', () => {
    const value = { a: [1, { b: 'x' }], c: 'y' };
    expect(resolveParameterValue(value, scope)).toBe(value);
  });

  it('copies only the containers on the path to a change', () => {
    const untouched = { keep: ['me'] };
    const value = { untouched, changed: { v: '={{ $json.id }}' } };
    const resolved = resolveParameterValue(value, scope) as typeof value;
    expect(resolved).not.toBe(value);
    expect(resolved.untouched).toBe(untouched);
    expect(resolved.changed).toEqual({ v: 7 });
    expect(value.changed.v).toBe('={{ $json.id }}');
  });

  it('leaves non-plain objects alone', () => {
    const date = new Date(0);
    expect(resolveParameterValue(date, scope)).toBe(date);
  });

  it('keeps a parameter named __proto__ a plain key', () => {
    const value = JSON.parse('{"__proto__": "={{ $json.id }}"}') as Record<string, unknown>;
    const resolved = resolveParameterValue(value, scope) as Record<string, unknown>;
    expect(Object.getPrototypeOf(resolved)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(resolved, '__proto__')?.value).toBe(7);
  });
});

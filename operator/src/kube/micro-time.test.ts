import { describe, expect, it } from 'vitest';
import { formatMicroTime, formatTime, parseTime } from './micro-time.js';

const at = Date.UTC(2026, 10, 27, 4, 0, 0, 123);

describe('Kubernetes times', () => {
  it.each([
    {
      name: 'MicroTime has six fractional digits',
      actual: formatMicroTime(at),
      expected: '2026-11-27T04:00:00.123000Z',
    },
    {
      name: 'MicroTime of a whole second',
      actual: formatMicroTime(at - 123),
      expected: '2026-11-27T04:00:00.000000Z',
    },
    { name: 'Time is in whole seconds', actual: formatTime(at), expected: '2026-11-27T04:00:00Z' },
  ])('$name', ({ actual, expected }) => {
    expect(actual).toBe(expected);
  });

  it.each([
    { value: '2026-11-27T04:00:00.123456Z', expected: at },
    { value: '2026-11-27T04:00:00Z', expected: at - 123 },
    { value: '', expected: undefined },
    { value: undefined, expected: undefined },
    { value: 'yesterday', expected: undefined },
  ])('parses $value', ({ value, expected }) => {
    expect(parseTime(value)).toBe(expected);
  });
});

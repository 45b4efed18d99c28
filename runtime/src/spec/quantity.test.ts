import { describe, expect, it } from 'vitest';
import { memoryMiB, parseQuantity } from './quantity.js';

describe('Kubernetes quantities', () => {
  it.each([
    ['256Mi', 256 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['500m', 0.5],
    ['2', 2],
    ['1.5G', 1.5e9],
    ['128k', 128_000],
    ['lots', undefined],
    ['12 Mi', undefined],
  ])('%s', (text, expected) => {
    expect(parseQuantity(text)).toBe(expected);
  });

  it('gives memory in MiB', () => {
    expect(memoryMiB('256Mi')).toBe(256);
    expect(memoryMiB('1G')).toBe(954);
  });
});

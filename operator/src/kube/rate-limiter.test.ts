import { describe, expect, it } from 'vitest';
import { ItemExponentialRateLimiter } from './rate-limiter.js';

describe('ItemExponentialRateLimiter', () => {
  it.each([
    { failures: 1, delayMs: 5 },
    { failures: 2, delayMs: 10 },
    { failures: 3, delayMs: 20 },
    { failures: 10, delayMs: 2560 },
    { failures: 18, delayMs: 655_360 },
    { failures: 19, delayMs: 1_000_000 },
    { failures: 2000, delayMs: 1_000_000 },
  ])('waits $delayMs ms on failure $failures (5 ms doubling, capped at 1000 s)', ({ failures, delayMs }) => {
    const limiter = new ItemExponentialRateLimiter();
    let last = 0;
    for (let i = 0; i < failures; i++) last = limiter.when('ns/a');
    expect(last).toBe(delayMs);
  });

  it('starts over after forget', () => {
    const limiter = new ItemExponentialRateLimiter(1, 100);
    limiter.when('k');
    limiter.when('k');
    limiter.forget('k');
    expect(limiter.when('k')).toBe(1);
  });
});

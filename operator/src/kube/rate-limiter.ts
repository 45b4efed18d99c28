/** Decides how long a failing key waits before its next try (client-go's workqueue.RateLimiter). */
export interface RateLimiter {
  /** The delay for the key's next retry; counts one more failure. */
  when(key: string): number;
  /** Clears the key's failure count (after a success). */
  forget(key: string): void;
  /** Failures counted for the key since it was last forgotten. */
  numRequeues(key: string): number;
}

/**
 * Per-key exponential backoff, `baseDelayMs * 2^failures` capped at `maxDelayMs`: client-go's
 * ItemExponentialFailureRateLimiter with the defaults of its DefaultControllerRateLimiter (5 ms, 1000 s).
 */
export class ItemExponentialRateLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();

  constructor(
    readonly baseDelayMs = 5,
    readonly maxDelayMs = 1_000_000,
  ) {}

  when(key: string): number {
    const exponent = this.failures.get(key) ?? 0;
    this.failures.set(key, exponent + 1);
    return Math.min(this.baseDelayMs * 2 ** exponent, this.maxDelayMs);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}

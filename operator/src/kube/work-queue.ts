import { systemClock, type Clock, type TimerHandle } from './clock.js';
import { ItemExponentialRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface WorkQueueOptions {
  clock?: Clock;
  /** Default: per-key exponential backoff from 5 ms to 1000 s. */
  rateLimiter?: RateLimiter;
}

/**
 * client-go's rate-limited delaying work queue for `namespace/name` keys:
 * - a key added while queued is queued once (dedup);
 * - a key added while a worker processes it is queued again only after `done(key)`, so no two workers
 *   ever hold the same key;
 * - `addAfter` delays an add (the earliest pending delay per key wins), `addRateLimited` delays by the
 *   key's backoff, `forget` resets that backoff.
 * Unlike client-go, `get()` answers undefined as soon as the queue is shut down instead of draining it:
 * a controller shuts its queue down when it loses leadership, and must then stop at once.
 */
export class WorkQueue {
  private readonly clock: Clock;
  private readonly rateLimiter: RateLimiter;
  private readonly queue: string[] = [];
  /** Keys that need processing: queued, or added again while processing. */
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly waiting = new Map<string, { readyAt: number; timer: TimerHandle }>();
  private readonly getters: ((key: string | undefined) => void)[] = [];
  private shuttingDown = false;

  constructor(options: WorkQueueOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.rateLimiter = options.rateLimiter ?? new ItemExponentialRateLimiter();
  }

  /** Keys ready to be handed out (not counting keys being processed or waiting for a delay). */
  get length(): number {
    return this.queue.length;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.queue.push(key);
    this.handOut();
  }

  /** The next key, marked as processing until `done(key)`; undefined once the queue is shut down. */
  get(): Promise<string | undefined> {
    if (this.shuttingDown) return Promise.resolve(undefined);
    const key = this.take();
    if (key !== undefined) return Promise.resolve(key);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Marks the key processed; if it was added meanwhile, queues it again. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key) && !this.shuttingDown) {
      this.queue.push(key);
      this.handOut();
    }
  }

  /** Adds the key after `delayMs`; a key already waiting keeps the earlier of the two times. */
  addAfter(key: string, delayMs: number): void {
    if (this.shuttingDown) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const readyAt = this.clock.now() + delayMs;
    const pending = this.waiting.get(key);
    if (pending && pending.readyAt <= readyAt) return;
    if (pending) this.clock.clearTimeout(pending.timer);
    const timer = this.clock.setTimeout(() => {
      this.waiting.delete(key);
      this.add(key);
    }, delayMs);
    this.waiting.set(key, { readyAt, timer });
  }

  /** Adds the key after its backoff, which doubles with every call until `forget(key)`. */
  addRateLimited(key: string): void {
    this.addAfter(key, this.rateLimiter.when(key));
  }

  forget(key: string): void {
    this.rateLimiter.forget(key);
  }

  numRequeues(key: string): number {
    return this.rateLimiter.numRequeues(key);
  }

  /** Stops handing out keys: pending and future `get()` calls answer undefined; delayed adds are dropped. */
  shutDown(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    for (const { timer } of this.waiting.values()) this.clock.clearTimeout(timer);
    this.waiting.clear();
    for (const resolve of this.getters.splice(0)) resolve(undefined);
  }

  private take(): string | undefined {
    const key = this.queue.shift();
    if (key === undefined) return undefined;
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }

  private handOut(): void {
    while (this.getters.length > 0 && this.queue.length > 0) {
      this.getters.shift()!(this.take());
    }
  }
}

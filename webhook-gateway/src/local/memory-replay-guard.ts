import type { ReplayGuard } from '../ports.js';

/** Replay keys in memory (one process: local mode, tests); expired keys are swept as new ones arrive. */
export class MemoryReplayGuard implements ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  async firstSeen(key: string, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const expiry = this.seen.get(key);
    if (expiry !== undefined && expiry > now) return false;
    this.seen.delete(key);
    this.seen.set(key, now + ttlMs);
    this.sweep(now);
    return true;
  }

  private sweep(now: number): void {
    // Insertion order is expiry order for one TTL; a full map drops its oldest keys.
    for (const [key, expiry] of this.seen) {
      if (expiry > now && this.seen.size <= this.maxKeys) break;
      this.seen.delete(key);
    }
  }
}

import type { Redis } from 'ioredis';
import type { ReplayGuard } from '../ports.js';

/** Replay keys in Redis (SET NX PX), so a signature used at one gateway replica is refused at every other. */
export class RedisReplayGuard implements ReplayGuard {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'budflow-webhook-replay:',
  ) {}

  async firstSeen(key: string, ttlMs: number): Promise<boolean> {
    const result = await this.redis.set(
      `${this.prefix}${key}`,
      '1',
      'PX',
      Math.max(1, Math.round(ttlMs)),
      'NX',
    );
    return result === 'OK';
  }
}

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STACK_KEY, testPrefix } from '@budflow/stack';

const prefix = `${testPrefix('redis')}:`;
let prefixed: Redis;
let raw: Redis;

beforeAll(() => {
  const url = inject(STACK_KEY).redisUrl;
  prefixed = new Redis(url, { keyPrefix: prefix, lazyConnect: false });
  raw = new Redis(url);
});

afterAll(async () => {
  const keys = await raw.keys(`${prefix}*`);
  if (keys.length > 0) await raw.del(...keys);
  prefixed?.disconnect();
  raw?.disconnect();
});

describe('Redis', () => {
  it('sets and gets under a per-file key prefix', async () => {
    expect(await prefixed.set('route:/hook', 'workflow-a', 'EX', 60)).toBe('OK');
    expect(await prefixed.get('route:/hook')).toBe('workflow-a');
    expect(await raw.get(`${prefix}route:/hook`)).toBe('workflow-a');
    expect(await raw.get('route:/hook')).toBeNull();
    expect(await raw.ttl(`${prefix}route:/hook`)).toBeGreaterThan(0);
  });

  it('runs without persistence', async () => {
    const config = await raw.config('GET', 'save');
    expect(config).toEqual(['save', '']);
    expect(await raw.config('GET', 'appendonly')).toEqual(['appendonly', 'no']);
  });
});

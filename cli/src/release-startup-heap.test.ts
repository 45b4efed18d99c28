import { getHeapSpaceStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { releaseStartupHeap } from './release-startup-heap.js';

const youngGeneration = () =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.physical_space_size;

describe('releaseStartupHeap', () => {
  it('gives back the young generation that surviving allocations grew', () => {
    // Like loading modules: many allocations that all survive, so V8 grows the young generation.
    const kept: object[] = [];
    for (let i = 0; i < 300_000; i++) kept.push({ i, text: `item ${i}` });
    const grown = youngGeneration();
    releaseStartupHeap();
    expect(kept).toHaveLength(300_000);
    expect(youngGeneration()).toBeLessThan(grown);
  });

  it('leaves gc to no one: not to this context, nor to contexts created later', () => {
    const exposed = typeof globalThis.gc === 'function';
    releaseStartupHeap();
    expect(typeof globalThis.gc === 'function').toBe(exposed);
    if (!exposed) expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});

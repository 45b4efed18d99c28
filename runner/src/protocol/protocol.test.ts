import { describe, expect, it } from 'vitest';
import { MemoryDataStore } from '@budflow/runtime';
import type { StepJob } from '@budflow/runtime';
import { encodeFrame, FrameDecoder } from './frame-codec.js';
import { packJob, refsOf, unpackJob } from './packed-job.js';

describe('frames', () => {
  it('decodes frames split and joined arbitrarily', () => {
    const messages = [{ a: 1 }, { text: 'ü'.repeat(1000) }, { list: [1, 2, 3] }];
    const bytes = Buffer.concat(messages.map(encodeFrame));
    for (const chunk of [1, 3, 7, 100, bytes.length]) {
      const seen: unknown[] = [];
      const decoder = new FrameDecoder((m) => seen.push(m));
      for (let i = 0; i < bytes.length; i += chunk) decoder.push(bytes.subarray(i, i + chunk));
      expect(seen).toEqual(messages);
    }
  });

  it('refuses a frame longer than the limit', () => {
    const decoder = new FrameDecoder(() => undefined);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(0xffffffff, 0);
    expect(() => decoder.push(header)).toThrow(/exceeds/);
  });
});

describe('packed jobs', () => {
  const job = {
    stepId: 'ex/A/0/1',
    inputs: [[{ json: { big: 'x'.repeat(500) } }]],
    runData: { T: [] },
  } as unknown as StepJob;

  it('moves large inputs to the store and brings them back', async () => {
    const store = new MemoryDataStore();
    const packed = await packJob(job, store, 100);
    expect(packed.inputs).toEqual({ $ref: 'steps/ex/A/0/1/inputs', bytes: expect.any(Number) });
    expect(packed.runData).toEqual({ T: [] });
    expect(refsOf(packed)).toEqual(['steps/ex/A/0/1/inputs']);
    const unpacked = await unpackJob(packed, (ref) => store.get(ref));
    expect(unpacked).toEqual(job);
  });

  it('keeps small data inline', async () => {
    const store = new MemoryDataStore();
    expect(await packJob(job, store)).toEqual(job);
    expect(store.size).toBe(0);
  });

  it('fails clearly when referenced data is gone', async () => {
    const packed = await packJob(job, new MemoryDataStore(), 100);
    await expect(unpackJob(packed, async () => undefined)).rejects.toThrow(
      /step data 'steps\/ex\/A\/0\/1\/inputs' is gone/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { MemoryDataStore } from '@budflow/runtime';
import { packResult, parsePackedResult, unpackResult } from './step-result-wire.js';

const small = {
  stepId: 'ex/A/0/1',
  executionId: 'ex',
  result: { ok: true as const, outputs: [[{ json: { n: 1 } }]] },
};

describe('step results on the wire', () => {
  it('keeps a small result inline', async () => {
    const store = new MemoryDataStore();
    expect(await packResult(small, store, 1024)).toEqual(small);
    expect(store.size).toBe(0);
  });

  it('passes a large result by reference and resolves it', async () => {
    const store = new MemoryDataStore();
    const large = {
      ...small,
      result: { ok: true as const, outputs: [[{ json: { text: 'x'.repeat(5000) } }]] },
    };
    const packed = await packResult(large, store, 1024);
    expect(packed).toEqual({
      stepId: 'ex/A/0/1',
      executionId: 'ex',
      resultRef: { $ref: 'results/ex/A/0/1', bytes: expect.any(Number) },
    });
    expect(await unpackResult(parsePackedResult(JSON.parse(JSON.stringify(packed))), store)).toEqual(large);
  });

  it('tells when the data of a result is gone', async () => {
    const packed = await packResult(
      { ...small, result: { ok: true, outputs: [[{ json: { t: 'x'.repeat(100) } }]] } },
      new MemoryDataStore(),
      10,
    );
    expect(await unpackResult(packed, new MemoryDataStore())).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['no step id', { executionId: 'ex', result: {} }],
    ['no result', { stepId: 's', executionId: 'ex' }],
  ])('refuses a message with %s', (_name, data) => {
    expect(() => parsePackedResult(data)).toThrow('not a step result message');
  });
});

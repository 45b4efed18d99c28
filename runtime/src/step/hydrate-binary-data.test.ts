import { describe, expect, it } from 'vitest';
import { MemoryDataStore } from '../ports.js';
import type { Item } from '../spec/items.js';
import { hydrateBinaryData } from './hydrate-binary-data.js';

describe('hydrateBinaryData', () => {
  it('reads binary entries kept by reference back inline, each reference once, leaving the caller items alone', async () => {
    const store = new MemoryDataStore();
    await store.put('binary/ex-1/file', 'aGVsbG8=');
    const reads: string[] = [];
    const readData = (ref: string) => (reads.push(ref), store.get(ref));
    const byRef: Item = {
      json: { n: 1 },
      binary: { file: { id: 'binary/ex-1/file', mimeType: 'text/plain', fileSize: 5 } },
    };
    const inline: Item = { json: { n: 2 }, binary: { file: { data: 'aGk=', mimeType: 'text/plain' } } };
    const plain: Item = { json: { n: 3 } };
    const inputs = [[byRef, inline, plain], [byRef]];
    const hydrated = await hydrateBinaryData(inputs, readData);
    expect(hydrated[0]![0]!.binary!.file).toEqual({
      id: 'binary/ex-1/file',
      data: 'aGVsbG8=',
      mimeType: 'text/plain',
      fileSize: 5,
    });
    expect(hydrated[1]![0]!.binary!.file!.data).toBe('aGVsbG8=');
    expect(hydrated[0]![1]).toBe(inline);
    expect(hydrated[0]![2]).toBe(plain);
    expect(reads).toEqual(['binary/ex-1/file']);
    expect(byRef.binary!.file!.data).toBeUndefined();
  });

  it('returns the same inputs when nothing is kept by reference', async () => {
    const inputs = [[{ json: {} }]];
    expect(await hydrateBinaryData(inputs, () => Promise.reject(new Error('not called')))).toBe(inputs);
  });

  it('names the reference that is gone', async () => {
    const inputs = [[{ json: {}, binary: { data: { id: 'binary/gone/data', mimeType: 'text/csv' } } }]];
    await expect(hydrateBinaryData(inputs, async () => undefined)).rejects.toThrow(
      "Binary data 'binary/gone/data' (property 'data') is gone from the data store",
    );
  });
});

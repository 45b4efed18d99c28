import { describe, expect, it } from 'vitest';
import { outputsOf } from '../test-support/run-step.test-support.js';

describe('testData', () => {
  it.each([
    ['an array', [{ a: 1 }, { a: 2 }], [{ a: 1 }, { a: 2 }]],
    ['one object', { data: { id: 1 } }, [{ data: { id: 1 } }]],
  ])('outputs %s as items, ignoring its input', async (_name, data, expected) => {
    expect((await outputsOf({ type: 'testData', parameters: { data } }))[0]).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { manualTrigger } from './manual-trigger.js';
import { jsonItems, runStep } from '../test-support/run-step.test-support.js';

describe('Manual Trigger', () => {
  it('is a trigger without inputs', () => {
    expect([manualTrigger.isTrigger, manualTrigger.inputs({}, 1), manualTrigger.outputs({}, 1)]).toEqual([
      true,
      0,
      1,
    ]);
  });

  it.each([
    ['the default empty item', [{ json: {} }], [{ json: {}, pairedItem: { item: 0 } }]],
    [
      'the given trigger items',
      jsonItems({ a: 1 }, { b: 2 }),
      [
        { json: { a: 1 }, pairedItem: { item: 0 } },
        { json: { b: 2 }, pairedItem: { item: 1 } },
      ],
    ],
  ])('outputs %s', async (_name, items, expected) => {
    const result = await runStep({ type: 'manualTrigger', inputs: [items] });
    expect(result.ok && result.outputs).toEqual([expected]);
  });
});

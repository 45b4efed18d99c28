import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@budflow/runtime';
import { flowError, flowOutputs, runFlowStep } from '../shared/flow-run.test-support.js';
import { jsonItems } from '../test-support/run-step.test-support.js';

const run = (parameters: JsonObject, extra: object = {}) =>
  flowOutputs({ type: 'debugHelper', parameters, inputs: [jsonItems({})], ...extra }).then((o) => o[0]!);

describe('DebugHelper', () => {
  it('outputs nothing at all with "Do Nothing", as n8n does', async () => {
    expect(await run({ category: 'doNothing' })).toEqual([]);
  });

  it.each([
    ['NodeApiError', 'NodeApiError'],
    ['NodeOperationError', 'NodeOperationError'],
    ['Error', 'ApplicationError'],
  ])('throws a %s', async (throwErrorType, name) => {
    const error = await flowError({ type: 'debugHelper', parameters: { throwErrorType } });
    expect(error).toMatchObject({ name, message: 'Node has thrown an error' });
  });

  it('reports the thrown error in json.error when it continues', async () => {
    expect(await run({ throwErrorMessage: 'oops' }, { continueOnFail: true })).toEqual([{ error: 'oops' }]);
  });

  it('refuses to exhaust memory', async () => {
    const error = await flowError({ type: 'debugHelper', parameters: { category: 'oom' } });
    expect(error.message).toContain('not available in BudFlow');
  });

  it('generates the same data for the same seed, with the fields of each data type', async () => {
    const parameters = { category: 'randomData', randomDataSeed: 'n8n', randomDataCount: 3 };
    const first = await run(parameters);
    expect(first).toHaveLength(3);
    expect(await run(parameters)).toEqual(first);
    expect(Object.keys(first[0]!).sort()).toEqual(['email', 'firstname', 'lastname', 'password', 'uid']);
    const [card] = await run({ ...parameters, randomDataType: 'creditCard', randomDataCount: 1 });
    expect(Object.keys(card!).sort()).toEqual(['ccv', 'exp', 'holder_name', 'number', 'type']);
  });

  it('generates nanoids from the alphabet, or one item holding them all, paired with the input item', async () => {
    const parameters = {
      category: 'randomData',
      randomDataType: 'nanoid',
      nanoidAlphabet: 'ab',
      nanoidLength: '5',
      randomDataCount: 2,
    };
    const ids = await run(parameters);
    expect(ids.map((i) => i.nanoId)).toEqual([
      expect.stringMatching(/^[ab]{5}$/),
      expect.stringMatching(/^[ab]{5}$/),
    ]);
    const single = await runFlowStep({
      type: 'debugHelper',
      parameters: { ...parameters, randomDataSingleArray: true },
    });
    expect(single.ok && single.outputs[0]!.map((i) => [Object.keys(i.json), i.pairedItem])).toEqual([
      [['generatedItems'], { item: 0 }],
    ]);
  });
});

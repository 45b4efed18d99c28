import { describe, expect, it } from 'vitest';
import { errorOf, jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { expectFixtureToConform } from '../test-support/run-workflow.test-support.js';

describe('If conformance with n8n', () => {
  it.each([
    'If/test/v1/IF.boolean.json',
    'If/test/v1/IF.date-time.json',
    'If/test/v1/IF.string.json',
    'If/test/v2/IfV2.boolean.json',
    'If/test/v2/IfV2.date-time.json',
    'If/test/v2/IfV2.string.json',
  ])('%s', async (file) => {
    await expectFixtureToConform(file);
  });
});

/** Runs If v1 with one condition on one item and returns which output it went to. */
async function v1Branch(
  dataType: string,
  condition: Record<string, unknown>,
  combineOperation = 'all',
): Promise<'true' | 'false'> {
  const [trueItems] = await outputsOf({
    type: 'if',
    parameters: { conditions: { [dataType]: [condition] }, combineOperation },
  });
  return trueItems!.length === 1 ? 'true' : 'false';
}

describe('If v1', () => {
  it.each([
    ['number smaller (default)', 'number', { value1: 1, value2: 2 }, 'true'],
    ['number largerEqual', 'number', { value1: 2, operation: 'largerEqual', value2: 2 }, 'true'],
    ['number isEmpty on NaN', 'number', { value1: NaN, operation: 'isEmpty' }, 'true'],
    ['string equal (default)', 'string', { value1: 'a', value2: 'a' }, 'true'],
    ['string regex with flags', 'string', { value1: 'ABC', operation: 'regex', value2: '/b/i' }, 'true'],
    ['string isEmpty on {}', 'string', { value1: {}, operation: 'isEmpty' }, 'true'],
    ['string notContains', 'string', { value1: 'abc', operation: 'notContains', value2: 'b' }, 'false'],
    ['boolean notEqual', 'boolean', { value1: true, operation: 'notEqual', value2: false }, 'true'],
    [
      'dateTime before',
      'dateTime',
      { value1: '2023-01-01', operation: 'before', value2: '2023-01-02' },
      'true',
    ],
    ['dateTime after (default)', 'dateTime', { value1: 1000, value2: 2000 }, 'false'],
  ])('%s', async (_name, dataType, condition, expected) => {
    expect(await v1Branch(dataType, condition)).toBe(expected);
  });

  it('combines conditions of all types with any', async () => {
    const parameters = {
      conditions: { boolean: [{ value1: false, value2: true }], string: [{ value1: 'x', value2: 'x' }] },
      combineOperation: 'any',
    };
    expect((await outputsOf({ type: 'if', parameters }))[0]).toHaveLength(1);
  });

  it('fails on a value that is not a date', async () => {
    const parameters = { conditions: { dateTime: [{ value1: 'soon', value2: '2023-01-01' }] } };
    expect((await errorOf({ type: 'if', parameters })).message).toBe(
      'The value "soon" is not a valid DateTime.',
    );
  });
});

const condition = (
  leftValue: unknown,
  type: string,
  operation: string,
  rightValue: unknown = '',
  extra = {},
) => ({
  leftValue,
  rightValue,
  operator: { type, operation, ...extra },
});

describe('If v2', () => {
  const people = jsonItems({ n: 5, s: '5' }, { n: 1, s: 'x' });

  it('routes items and pairs them with their input position', async () => {
    const parameters = {
      conditions: {
        options: {},
        conditions: [condition('={{ $json.n }}', 'number', 'gt', 3)],
        combinator: 'and',
      },
    };
    const result = await runStep({
      type: 'if',
      typeVersion: 2.2,
      parameters,
      inputs: [people.map((item) => ({ ...item, pairedItem: { item: 9 } }))],
    });
    expect(result.ok && result.outputs).toEqual([
      [{ json: { n: 5, s: '5' }, pairedItem: { item: 0 } }],
      [{ json: { n: 1, s: 'x' }, pairedItem: { item: 1 } }],
    ]);
  });

  it('fails on a strict type mismatch, naming the condition and item', async () => {
    const parameters = {
      conditions: {
        options: {},
        conditions: [condition('={{ $json.s }}', 'number', 'equals', 5)],
        combinator: 'and',
      },
    };
    const error = await errorOf({ type: 'if', typeVersion: 2.2, parameters, inputs: [people] });
    expect(error.message).toBe(
      "Wrong type: '5' is a string but was expecting a number [condition 0, item 0]",
    );
    expect(error.context).toEqual({ itemIndex: 0 });
  });

  it.each([
    ['v2.1+ node parameter', 2.2, { looseTypeValidation: true }],
    ['v2.0 option', 2, { options: { looseTypeValidation: true } }],
  ])('converts types with loose validation (%s)', async (_name, typeVersion, extra) => {
    const parameters = {
      conditions: {
        options: {},
        conditions: [condition('={{ $json.s }}', 'number', 'equals', 5)],
        combinator: 'and',
      },
      ...extra,
    };
    const [trueItems] = await outputsOf({
      type: 'if',
      typeVersion,
      parameters,
      inputs: [jsonItems({ s: '5' })],
    });
    expect(trueItems).toEqual([{ s: '5' }]);
  });

  it('uses the options written into the conditions over the node settings', async () => {
    const options = { caseSensitive: false, typeValidation: 'strict', version: 2 };
    const parameters = {
      conditions: { options, conditions: [condition('ABC', 'string', 'equals', 'abc')], combinator: 'and' },
    };
    expect((await outputsOf({ type: 'if', typeVersion: 2.2, parameters }))[0]).toHaveLength(1);
  });

  it('ignores case with the ignoreCase option when the conditions carry no options', async () => {
    const parameters = {
      conditions: { conditions: [condition('ABC', 'string', 'equals', 'abc')] },
      options: { ignoreCase: true },
    };
    expect((await outputsOf({ type: 'if', typeVersion: 2.2, parameters }))[0]).toHaveLength(1);
  });

  it('sends items that fail to evaluate to false when continuing on fail', async () => {
    const parameters = {
      conditions: {
        options: {},
        conditions: [condition('={{ $json.s }}', 'number', 'equals', 5)],
        combinator: 'and',
      },
    };
    expect(
      await outputsOf({ type: 'if', typeVersion: 2.2, parameters, inputs: [people], continueOnFail: true }),
    ).toEqual([
      [],
      [
        { n: 5, s: '5' },
        { n: 1, s: 'x' },
      ],
    ]);
  });
});

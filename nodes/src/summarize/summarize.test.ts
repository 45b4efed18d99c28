import { describe, expect, it } from 'vitest';
import { errorOf, jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { expectFixtureToConform } from '../test-support/run-workflow.test-support.js';

describe('Summarize conformance with n8n', () => {
  it.each([
    'Transform/Summarize/test/workflow.summarize.json',
    'Transform/Summarize/test/workflow.summarize_countWithEmpty.json',
    'Transform/Summarize/test/workflow.summarize_datatypes.json',
  ])('%s', async (file) => {
    await expectFixtureToConform(file);
  });
});

const sales = jsonItems(
  { region: 'N', amount: 10, rep: 'a' },
  { region: 'S', amount: 5, rep: 'b' },
  { region: 'N', amount: 7, rep: '' },
  { region: 3, amount: 1, rep: 'c' },
  { region: '3', amount: 2, rep: 'c' },
);
const summarize = (...values: Record<string, unknown>[]) => ({ fieldsToSummarize: { values } });

describe('Summarize', () => {
  it.each([
    ['counts non-empty values', summarize({ field: 'rep' }), { count_rep: 4 }],
    [
      'counts empty ones too with includeEmpty',
      summarize({ field: 'rep', includeEmpty: true }),
      { count_rep: 5 },
    ],
    [
      'counts unique values',
      summarize({ aggregation: 'countUnique', field: 'rep' }),
      { unique_count_rep: 3 },
    ],
    [
      'sums and averages numbers',
      summarize({ aggregation: 'sum', field: 'amount' }, { aggregation: 'average', field: 'amount' }),
      { sum_amount: 25, average_amount: 5 },
    ],
    [
      'finds min and max',
      summarize({ aggregation: 'min', field: 'amount' }, { aggregation: 'max', field: 'rep' }),
      { min_amount: 1, max_rep: 'c' },
    ],
    [
      'concatenates with a custom separator',
      summarize({ aggregation: 'concatenate', field: 'rep', separateBy: 'other', customSeparator: ' | ' }),
      { concatenated_rep: 'a | b | c | c' },
    ],
  ])('%s', async (_name, parameters, expected) => {
    expect(await outputsOf({ type: 'summarize', typeVersion: 1.1, parameters, inputs: [sales] })).toEqual([
      [expected],
    ]);
  });

  it.each([
    [
      'v1 groups by text',
      1,
      [
        { count_rep: 2, region: 'N' },
        { count_rep: 1, region: 'S' },
        { count_rep: 2, region: '3' },
      ],
    ],
    [
      'v1.1 keeps 3 and "3" apart',
      1.1,
      [
        { count_rep: 2, region: 'N' },
        { count_rep: 1, region: 'S' },
        { count_rep: 1, region: 3 },
        { count_rep: 1, region: '3' },
      ],
    ],
  ])('splits by a field: %s', async (_name, typeVersion, expected) => {
    const parameters = { ...summarize({ field: 'rep', includeEmpty: true }), fieldsToSplitBy: 'region' };
    expect(await outputsOf({ type: 'summarize', typeVersion, parameters, inputs: [sales] })).toEqual([
      expected,
    ]);
  });

  it('pairs each group with the items in it', async () => {
    const parameters = { ...summarize({ field: 'rep' }), fieldsToSplitBy: 'region' };
    const result = await runStep({ type: 'summarize', typeVersion: 1.1, parameters, inputs: [sales] });
    expect(result.ok && result.outputs[0]![0]!.pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
  });

  it('nests all groups in one item with the singleItem format (3 and "3" share a key there)', async () => {
    const parameters = {
      ...summarize({ aggregation: 'sum', field: 'amount' }),
      fieldsToSplitBy: 'region, rep',
      options: { outputFormat: 'singleItem', skipEmptySplitFields: true },
    };
    expect(await outputsOf({ type: 'summarize', typeVersion: 1.1, parameters, inputs: [sales] })).toEqual([
      [{ N: { a: { sum_amount: 10 } }, S: { b: { sum_amount: 5 } }, 3: { c: { sum_amount: 2 } } }],
    ]);
  });

  it.each([
    ['v1 fails', 1, {}, "The field 'nope' does not exist in any items"],
    ['v1 with continueIfFieldNotFound only warns', 1, { continueIfFieldNotFound: true }, undefined],
    ['v1.1 only warns', 1.1, {}, undefined],
  ])('a field no item has: %s', async (_name, typeVersion, options, message) => {
    const parameters = { ...summarize({ field: 'nope' }), options };
    const result = await runStep({ type: 'summarize', typeVersion, parameters, inputs: [sales] });
    if (message) expect(!result.ok && result.error.message).toBe(message);
    else expect(result.ok && result.logs?.[0]?.message).toBe("The field 'nope' does not exist in any items");
  });

  it('needs a field to summarize', async () => {
    expect((await errorOf({ type: 'summarize', typeVersion: 1.1, inputs: [sales] })).message).toBe(
      "You need to add at least one aggregation to 'Fields to Summarize' with non empty 'Field'",
    );
  });
});

import { describe, expect, it } from 'vitest';
import { errorOf, jsonItems, outputsOf } from '../test-support/run-step.test-support.js';
import { expectFixtureToConform } from '../test-support/run-workflow.test-support.js';

describe('Item Lists conformance with n8n', () => {
  it.each([
    'ItemLists/test/node/workflow.limit.json',
    'ItemLists/test/node/workflow.removeDuplicates.json',
    'ItemLists/test/node/workflow.sort.json',
    'ItemLists/test/node/workflow.splitOutItems.json',
    'ItemLists/test/node/workflow.splitOutItems.split_object.json',
    'ItemLists/test/node/workflow.summarize.json',
    'ItemLists/test/node/workflow.update_3.json',
  ])('%s', async (file) => {
    await expectFixtureToConform(file);
  });
});

const order = jsonItems({ id: 1, lines: { a: 1, b: 2 } });

describe('Item Lists split out, by version', () => {
  it.each([
    ['v1 needs a list', 1, { fieldToSplitOut: 'lines' }, "The provided field 'lines' is not an array"],
    [
      'v2 needs the field',
      2,
      { fieldToSplitOut: 'nope' },
      "Couldn't find the field 'nope' in the input data",
    ],
    [
      'v2 needs a list or object',
      2,
      { fieldToSplitOut: 'id' },
      "The provided field 'id' is not an array or object",
    ],
  ])('%s', async (_name, typeVersion, parameters, message) => {
    expect((await errorOf({ type: 'itemLists', typeVersion, parameters, inputs: [order] })).message).toBe(
      message,
    );
  });

  it.each([
    [
      'v2 splits an object’s values',
      2,
      { fieldToSplitOut: 'lines', include: 'allOtherFields' },
      [
        { id: 1, lines: 1 },
        { id: 1, lines: 2 },
      ],
    ],
    ['v2.1 outputs nothing for a missing field', 2.1, { fieldToSplitOut: 'nope' }, []],
    ['v3 makes one item of a single value', 3, { fieldToSplitOut: 'id' }, [{ id: 1 }]],
  ])('%s', async (_name, typeVersion, parameters, expected) => {
    expect(await outputsOf({ type: 'itemLists', typeVersion, parameters, inputs: [order] })).toEqual([
      expected,
    ]);
  });
});

describe('Item Lists concatenate', () => {
  it('v1 fails on a field no item has, unless missing values are kept', async () => {
    const parameters = {
      operation: 'aggregateItems',
      fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: 'nope' }] },
    };
    expect((await errorOf({ type: 'itemLists', parameters, inputs: [order] })).message).toBe(
      "Couldn't find the field 'nope' in the input data",
    );
    const kept = { ...parameters, options: { keepMissing: true } };
    expect(await outputsOf({ type: 'itemLists', parameters: kept, inputs: [order] })).toEqual([
      [{ nope: [undefined] }],
    ]);
  });

  it('v2 includes all fields by default, and reads field lists as collections', async () => {
    const parameters = {
      operation: 'aggregateItems',
      aggregate: 'aggregateAllItemData',
      include: 'allFieldsExcept',
      fieldsToExclude: { fields: [{ fieldName: 'lines' }] },
    };
    expect(await outputsOf({ type: 'itemLists', typeVersion: 2, parameters, inputs: [order] })).toEqual([
      [{ data: [{ id: 1 }] }],
    ]);
    const all = { operation: 'aggregateItems', aggregate: 'aggregateAllItemData' };
    expect(await outputsOf({ type: 'itemLists', typeVersion: 2, parameters: all, inputs: [order] })).toEqual([
      [{ data: [order[0]!.json] }],
    ]);
  });
});

describe('Item Lists remove duplicates and summarize, by version', () => {
  const mixed = jsonItems({ v: 1 }, { v: '1' }, { v: 1 });

  it('v3 fails on a field of changing type; v3.1 orders by type and removes duplicates', async () => {
    const parameters = { operation: 'removeDuplicates' };
    expect((await errorOf({ type: 'itemLists', typeVersion: 3, parameters, inputs: [mixed] })).message).toBe(
      "'v' isn't always the same type",
    );
    expect(await outputsOf({ type: 'itemLists', typeVersion: 3.1, parameters, inputs: [mixed] })).toEqual([
      [{ v: 1 }, { v: '1' }],
    ]);
  });

  it('groups like a plain object: text keys, whole numbers first, split fields before the results', async () => {
    const parameters = {
      operation: 'summarize',
      fieldsToSummarize: { values: [{ field: 'n' }] },
      fieldsToSplitBy: 'g',
    };
    const inputs = [jsonItems({ g: 'b', n: 1 }, { g: 10, n: 1 }, { g: 2, n: 1 }, { g: 'b', n: 1 })];
    const outputs = await outputsOf({ type: 'itemLists', typeVersion: 3, parameters, inputs });
    expect(outputs[0]!.map((json) => Object.entries(json))).toEqual([
      [
        ['g', '2'],
        ['count_n', 1],
      ],
      [
        ['g', '10'],
        ['count_n', 1],
      ],
      [
        ['g', 'b'],
        ['count_n', 2],
      ],
    ]);
  });

  it('v1 and v2 take min and max over every value, as n8n did', async () => {
    const parameters = {
      operation: 'summarize',
      fieldsToSummarize: { values: [{ aggregation: 'min', field: 'n' }] },
    };
    const inputs = [jsonItems({ n: 3 }, { n: 1 }, {})];
    expect(await outputsOf({ type: 'itemLists', typeVersion: 2, parameters, inputs })).toEqual([
      [{ min_n: NaN }],
    ]);
    expect(await outputsOf({ type: 'itemLists', typeVersion: 3, parameters, inputs })).toEqual([
      [{ min_n: 1 }],
    ]);
  });
});

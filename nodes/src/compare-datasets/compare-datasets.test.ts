import { describe, expect, it } from 'vitest';
import type { Item } from '@budflow/runtime';
import { errorOf, jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { expectFixtureToConform } from '../test-support/run-workflow.test-support.js';
import { compareDatasetsNode } from './compare-datasets.js';

describe('Compare Datasets conformance with n8n', () => {
  it.each([
    'CompareDatasets/test/node/workflow.compareDatasets.fuzzy.json',
    'CompareDatasets/test/node/workflow.compareDatasets.fuzzy.missing_keys.json',
    'CompareDatasets/test/node/workflow.compareDatasets.mix-falsy-values.json',
    'CompareDatasets/test/node/workflow.compareDatasets.skipFields.json',
  ])('%s', async (file) => {
    await expectFixtureToConform(file);
  });
});

it('has two inputs and four outputs', () => {
  expect([compareDatasetsNode.inputs({}, 2.3), compareDatasetsNode.outputs({}, 2.3)]).toEqual([2, 4]);
});

const byId = { mergeByFields: { values: [{ field1: 'id', field2: 'id' }] } };
const inputA = jsonItems({ id: 1, v: 'a' }, { id: 2, v: 'b' }, { id: 3, v: 'c' }, {});
const inputB = jsonItems({ id: 2, v: 'b' }, { id: 3, v: 'C' }, { id: 4, v: 'd' });
const compare = (
  parameters: Record<string, unknown>,
  typeVersion = 2.3,
  inputs: Item[][] = [inputA, inputB],
) => outputsOf({ type: 'compareDatasets', typeVersion, parameters: { ...byId, ...parameters }, inputs });

describe('Compare Datasets', () => {
  it('splits items into A only, same, different (both versions by default) and B only', async () => {
    expect(await compare({})).toEqual([
      [{ id: 1, v: 'a' }],
      [{ id: 2, v: 'b' }],
      [{ keys: { id: 3 }, same: { id: 3 }, different: { v: { inputA: 'c', inputB: 'C' } } }],
      [{ id: 4, v: 'd' }],
    ]);
  });

  it.each([
    ['input A’s version', { resolve: 'preferInput1' }, { id: 3, v: 'c' }],
    ['input B’s version', { resolve: 'preferInput2' }, { id: 3, v: 'C' }],
    ['a mix', { resolve: 'mix', preferWhenMix: 'input2', exceptWhenMix: 'id' }, { id: 3, v: 'C' }],
  ])('outputs %s of a differing pair', async (_name, parameters, expected) => {
    expect((await compare(parameters))[2]).toEqual([expected]);
  });

  it.each([
    ['before 2.3 a mix turns a falsy value into null', 2.2, null],
    ['from 2.3 it keeps it', 2.3, 0],
  ])('%s', async (_name, typeVersion, expected) => {
    const parameters = { resolve: 'mix', preferWhenMix: 'input1', exceptWhenMix: 'n' };
    const inputs = [jsonItems({ id: 1, n: 1 }), jsonItems({ id: 1, n: 0 })];
    expect((await compare(parameters, typeVersion, inputs))[2]).toEqual([{ id: 1, n: expected }]);
  });

  it('matches every B item with multipleMatches all', async () => {
    const inputs = [jsonItems({ id: 1, v: 'x' }), jsonItems({ id: 1, v: 'y' }, { id: 1, v: 'x' })];
    const outputs = await compare(
      { resolve: 'preferInput2', options: { multipleMatches: 'all' } },
      2.3,
      inputs,
    );
    expect(outputs).toEqual([[], [{ id: 1, v: 'x' }], [{ id: 1, v: 'y' }], []]);
  });

  it('pairs an item with both versions with the two items it compares', async () => {
    const result = await runStep({
      type: 'compareDatasets',
      typeVersion: 2.3,
      parameters: byId,
      inputs: [inputA, inputB],
    });
    expect(result.ok && result.outputs[2]![0]!.pairedItem).toEqual([{ item: 2 }, { item: 1, input: 1 }]);
    expect(result.ok && result.outputs[3]![0]!.pairedItem).toEqual({ item: 2, input: 1 });
  });

  it.each([
    [
      'no field pair',
      { mergeByFields: { values: [{ field1: '', field2: '' }] } },
      2.3,
      /^You need to define at least one pair/,
    ],
    [
      'half a field pair',
      { mergeByFields: { values: [{ field1: 'id', field2: '' }] } },
      2.3,
      /^You need to define both fields/,
    ],
    [
      'a match field no item has, before 2.2',
      { mergeByFields: { values: [{ field1: 'nope', field2: 'id' }] } },
      2.1,
      /^Field 'nope' is not present in any of items in 'Input A'$/,
    ],
    [
      'a dotted field to skip without dot notation',
      { options: { skipFields: 'a.b', disableDotNotation: true } },
      2.3,
      /^Dot notation is disabled/,
    ],
  ])('fails on %s', async (_name, parameters, typeVersion, message) => {
    const error = await errorOf({
      type: 'compareDatasets',
      typeVersion,
      parameters: { ...byId, ...parameters },
      inputs: [inputA, inputB],
    });
    expect(error.message).toMatch(message);
  });

  it('from 2.2 a match field no item has puts every A item in "A only"', async () => {
    const parameters = { mergeByFields: { values: [{ field1: 'nope', field2: 'id' }] } };
    expect((await compare(parameters, 2.2))[0]).toHaveLength(3);
  });
});

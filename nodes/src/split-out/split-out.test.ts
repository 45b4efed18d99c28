import { describe, expect, it } from 'vitest';
import type { Item } from '@budflow/runtime';
import { errorOf, jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { comparable, loadFixture, runN8nWorkflow } from '../test-support/run-workflow.test-support.js';

it('conforms to n8n: Transform/SplitOut/test/workflow.splitOutObject.json', async () => {
  const fixture = loadFixture('Transform/SplitOut/test/workflow.splitOutObject.json');
  const run = await runN8nWorkflow(fixture);
  expect(run.state.status).toBe('success');
  for (const [node, expected] of Object.entries(fixture.pinData as Record<string, unknown[]>)) {
    expect({ node, output: comparable(run.json(node)) }).toEqual({ node, output: comparable(expected) });
  }
});

const order = jsonItems({ id: 7, lines: [{ sku: 'a' }, { sku: 'b' }], qty: [1, 2], meta: { by: 'x' } });

describe('Split Out', () => {
  it.each([
    ['spreads object entries', { fieldToSplitOut: 'lines' }, [{ sku: 'a' }, { sku: 'b' }]],
    ['puts values under the field name', { fieldToSplitOut: 'qty' }, [{ qty: 1 }, { qty: 2 }]],
    [
      'pairs entries of several fields',
      { fieldToSplitOut: 'lines, qty' },
      [
        { lines: { sku: 'a' }, qty: 1 },
        { lines: { sku: 'b' }, qty: 2 },
      ],
    ],
    [
      'uses destination fields',
      { fieldToSplitOut: '$json.qty', options: { destinationFieldName: 'n' } },
      [{ n: 1 }, { n: 2 }],
    ],
    [
      'keeps all other fields',
      { fieldToSplitOut: 'qty', include: 'allOtherFields' },
      [
        { id: 7, lines: [{ sku: 'a' }, { sku: 'b' }], meta: { by: 'x' }, qty: 1 },
        { id: 7, lines: [{ sku: 'a' }, { sku: 'b' }], meta: { by: 'x' }, qty: 2 },
      ],
    ],
    [
      'keeps selected fields, nested ones by path',
      { fieldToSplitOut: 'qty', include: 'selectedOtherFields', fieldsToInclude: 'id, meta.by' },
      [
        { qty: 1, id: 7, 'meta.by': 'x' },
        { qty: 2, id: 7, 'meta.by': 'x' },
      ],
    ],
    ['splits an object’s values', { fieldToSplitOut: 'meta' }, [{ meta: 'x' }]],
    ['makes one item of a single value', { fieldToSplitOut: 'id' }, [{ id: 7 }]],
  ])('%s', async (_name, parameters, expected) => {
    expect(await outputsOf({ type: 'splitOut', parameters, inputs: [order] })).toEqual([expected]);
  });

  it('pairs new items with the item they came from', async () => {
    const inputs = [jsonItems({ l: [1] }, { l: [2, 3] })];
    const result = await runStep({ type: 'splitOut', parameters: { fieldToSplitOut: 'l' }, inputs });
    expect(result.ok && result.outputs[0]!.map((item) => item.pairedItem)).toEqual([
      { item: 0 },
      { item: 1 },
      { item: 1 },
    ]);
  });

  it('warns about a field no item has and outputs nothing', async () => {
    const result = await runStep({
      type: 'splitOut',
      parameters: { fieldToSplitOut: 'nope' },
      inputs: [order],
    });
    expect(result.ok && result.outputs).toEqual([[]]);
    expect(result.logs).toEqual([
      { level: 'warn', message: "The field 'nope' wasn't found in any input item" },
    ]);
  });

  it('splits binaries with $binary, and copies them with includeBinary', async () => {
    const file = { mimeType: 'text/plain', data: 'eA==' };
    const inputs: Item[][] = [[{ json: { l: [1] }, binary: { a: file, b: file } }]];
    const split = await runStep({ type: 'splitOut', parameters: { fieldToSplitOut: '$binary' }, inputs });
    expect(split.ok && split.outputs[0]!.map((item) => Object.keys(item.binary ?? {}))).toEqual([
      ['a'],
      ['b'],
    ]);
    const copied = await runStep({
      type: 'splitOut',
      parameters: { fieldToSplitOut: 'l', options: { includeBinary: true } },
      inputs,
    });
    expect(copied.ok && copied.outputs[0]![0]!.binary).toEqual({ a: file, b: file });
  });

  it.each([
    [
      'destination fields not matching the fields',
      { fieldToSplitOut: 'qty, lines', options: { destinationFieldName: 'n' } },
      'If multiple fields to split out are given, the same number of destination fields must be given',
    ],
    ['no selected fields', { fieldToSplitOut: 'qty', include: 'selectedOtherFields' }, 'No fields specified'],
  ])('fails on %s', async (_name, parameters, message) => {
    expect((await errorOf({ type: 'splitOut', parameters, inputs: [order] })).message).toBe(message);
  });
});

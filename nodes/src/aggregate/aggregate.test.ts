import { describe, expect, it } from 'vitest';
import type { Item } from '@budflow/runtime';
import { errorOf, jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { comparable, loadFixture, runN8nWorkflow } from '../test-support/run-workflow.test-support.js';

it('conforms to n8n: Transform/Aggregate/test/workflow.aggregate.json', async () => {
  const fixture = loadFixture('Transform/Aggregate/test/workflow.aggregate.json');
  const run = await runN8nWorkflow(fixture);
  expect(run.state.status).toBe('success');
  for (const [node, expected] of Object.entries(fixture.pinData as Record<string, unknown[]>)) {
    expect({ node, output: comparable(run.json(node)) }).toEqual({ node, output: comparable(expected) });
  }
});

const rows = jsonItems(
  { id: 1, tags: ['a', null], user: { name: 'x' } },
  { id: null, tags: ['b'] },
  { tags: 'c' },
);
const fields = (...fieldToAggregate: Record<string, unknown>[]) => ({
  fieldsToAggregate: { fieldToAggregate },
});

describe('Aggregate individual fields', () => {
  it.each([
    ['leaves out missing and null values', fields({ fieldToAggregate: 'id' }), { id: [1] }],
    [
      'keeps them with keepMissing',
      { ...fields({ fieldToAggregate: 'id' }), options: { keepMissing: true } },
      { id: [1, null, undefined] },
    ],
    ['lists lists', fields({ fieldToAggregate: 'tags' }), { tags: [['a'], ['b'], 'c'] }],
    [
      'merges lists with mergeLists',
      { ...fields({ fieldToAggregate: 'tags' }), options: { mergeLists: true } },
      { tags: ['a', 'b', 'c'] },
    ],
    ['names a nested field by its last part', fields({ fieldToAggregate: 'user.name' }), { name: ['x'] }],
    [
      'renames the output field',
      fields({ fieldToAggregate: 'id', renameField: true, outputFieldName: 'all.ids' }),
      { all: { ids: [1] } },
    ],
  ])('%s', async (_name, parameters, expected) => {
    expect(await outputsOf({ type: 'aggregate', parameters, inputs: [rows] })).toEqual([[expected]]);
  });

  it('pairs the item with every input item', async () => {
    const result = await runStep({
      type: 'aggregate',
      parameters: fields({ fieldToAggregate: 'id' }),
      inputs: [rows],
    });
    expect(result.ok && result.outputs[0]![0]!.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
  });

  it('rejects an output field used twice', async () => {
    const parameters = fields(
      { fieldToAggregate: 'id' },
      { fieldToAggregate: 'tags', renameField: true, outputFieldName: 'id' },
    );
    expect((await errorOf({ type: 'aggregate', parameters, inputs: [rows] })).message).toBe(
      "The 'id' output field is used more than once",
    );
  });

  it('warns about a field no item has', async () => {
    const result = await runStep({
      type: 'aggregate',
      parameters: fields({ fieldToAggregate: 'nope' }),
      inputs: [rows],
    });
    expect(result.ok && result.outputs[0]).toEqual([{ json: { nope: [] }, pairedItem: expect.any(Array) }]);
    expect(result.logs).toEqual([
      { level: 'warn', message: "The field 'nope' wasn't found in any input item" },
    ]);
  });
});

describe('Aggregate all item data', () => {
  it.each([
    ['under the destination field', { destinationFieldName: 'all' }, { all: rows.map((item) => item.json) }],
    [
      'with specified fields only, dropping empty entries',
      { include: 'specifiedFields', fieldsToInclude: 'user' },
      { data: [{ user: { name: 'x' } }] },
    ],
    [
      'without excluded fields',
      { include: 'allFieldsExcept', fieldsToExclude: 'tags, user' },
      { data: [{ id: 1 }, { id: null }] },
    ],
    [
      'ignoring fields to include when including all',
      { fieldsToInclude: 'user' },
      { data: rows.map((item) => item.json) },
    ],
  ])('%s', async (_name, parameters, expected) => {
    const result = await outputsOf({
      type: 'aggregate',
      parameters: { aggregate: 'aggregateAllItemData', ...parameters },
      inputs: [rows],
    });
    expect(result).toEqual([[expected]]);
  });

  it('adds the items’ binaries, renaming clashes, or only unique ones with keepOnlyUnique', async () => {
    const file = (fileSize: number) => ({ mimeType: 'text/plain', fileSize, data: 'eA==' });
    const inputs: Item[][] = [
      [
        { json: { a: 1 }, binary: { data: file(1) } },
        { json: { a: 2 }, binary: { data: file(1) } },
        { json: { a: 3 }, binary: { data: file(2) } },
      ],
    ];
    const run = (keepOnlyUnique: boolean) =>
      runStep({
        type: 'aggregate',
        parameters: { aggregate: 'aggregateAllItemData', options: { includeBinaries: true, keepOnlyUnique } },
        inputs,
      });
    const all = await run(false);
    expect(all.ok && Object.keys(all.outputs[0]![0]!.binary!)).toEqual(['data', 'data_1', 'data_2']);
    const unique = await run(true);
    expect(unique.ok && Object.keys(unique.outputs[0]![0]!.binary!)).toEqual(['data', 'data_1']);
  });
});

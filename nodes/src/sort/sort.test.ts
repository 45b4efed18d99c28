import { describe, expect, it } from 'vitest';
import { errorOf, jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { comparable, loadFixture, runN8nWorkflow } from '../test-support/run-workflow.test-support.js';

it('conforms to n8n: Transform/Sort/test/code.sort.json', async () => {
  const fixture = loadFixture('Transform/Sort/test/code.sort.json');
  const run = await runN8nWorkflow(fixture);
  expect(run.state.status).toBe('success');
  for (const [node, expected] of Object.entries(fixture.pinData as Record<string, unknown[]>)) {
    expect({ node, output: comparable(run.json(node)) }).toEqual({ node, output: comparable(expected) });
  }
});

const people = jsonItems(
  { name: 'bob', age: 30, info: { rank: 2 } },
  { name: 'Ann', age: 30, info: { rank: 1 } },
  { name: 'carl', age: 25, info: { rank: 3 } },
);
const names = (outputs: Record<string, unknown>[][]) => outputs[0]!.map((json) => json.name);

describe('Sort, simple', () => {
  it.each([
    ['text without case', [{ fieldName: 'name' }], ['Ann', 'bob', 'carl']],
    ['descending', [{ fieldName: 'name', order: 'descending' }], ['carl', 'bob', 'Ann']],
    [
      'by several fields',
      [{ fieldName: 'age' }, { fieldName: 'name', order: 'descending' }],
      ['carl', 'bob', 'Ann'],
    ],
    ['by a nested field', [{ fieldName: 'info.rank' }], ['Ann', 'bob', 'carl']],
  ])('%s', async (_name, sortField, expected) => {
    const parameters = { sortFieldsUi: { sortField } };
    expect(names(await outputsOf({ type: 'sort', parameters, inputs: [people] }))).toEqual(expected);
  });

  it('pairs each item with its input position', async () => {
    const parameters = { sortFieldsUi: { sortField: [{ fieldName: 'age' }] } };
    const result = await runStep({ type: 'sort', parameters, inputs: [people] });
    expect(result.ok && result.outputs[0]!.map((item) => item.pairedItem)).toEqual([
      { item: 2 },
      { item: 0 },
      { item: 1 },
    ]);
  });

  it.each([
    ['no fields', {}, 'No sorting specified. Please add a field to sort by', undefined],
    [
      'a missing field',
      { sortFieldsUi: { sortField: [{ fieldName: 'x' }] } },
      "Couldn't find the field 'x' in the input data",
      undefined,
    ],
    [
      'a nested field with dot notation disabled',
      { sortFieldsUi: { sortField: [{ fieldName: 'info.rank' }] }, options: { disableDotNotation: true } },
      "Couldn't find the field 'info.rank' in the input data",
      "If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options",
    ],
  ])('fails on %s', async (_name, parameters, message, description) => {
    const error = await errorOf({ type: 'sort', parameters, inputs: [people] });
    expect(error.message).toBe(message);
    expect(error.description).toBe(description);
  });

  it('keeps every item in random order', async () => {
    const outputs = await outputsOf({ type: 'sort', parameters: { type: 'random' }, inputs: [people] });
    expect(names(outputs).sort()).toEqual(['Ann', 'bob', 'carl']);
  });
});

describe('Sort, code', () => {
  const byAge = 'return a.json.age - b.json.age || (a.json.name < b.json.name ? -1 : 1);';

  it('orders items with the comparator and logs its console output', async () => {
    const code = `console.log('comparing', a.json.name); ${byAge}`;
    const result = await runStep({ type: 'sort', parameters: { type: 'code', code }, inputs: [people] });
    expect(result.ok && result.outputs[0]!.map((item) => item.json.name)).toEqual(['carl', 'Ann', 'bob']);
    expect(result.logs?.[0]).toEqual({ level: 'log', message: expect.stringMatching(/^comparing /) });
  });

  it('requires a return', async () => {
    expect(
      (await errorOf({ type: 'sort', parameters: { type: 'code', code: 'a - b' }, inputs: [people] }))
        .message,
    ).toBe("Sort code doesn't return. Please add a 'return' statement to your code");
  });

  it.each([
    [
      'gives the code no host process',
      'if (typeof process !== "undefined") throw new Error("escaped"); return 0;',
      undefined,
    ],
    [
      'refuses code generation from text',
      'return a.constructor.constructor("return 1")();',
      'Code generation from strings disallowed',
    ],
    ['reports the comparator’s own errors', 'if (a) throw new Error("bad order"); return 0;', 'bad order'],
  ])('%s', async (_name, code, message) => {
    const result = await runStep({ type: 'sort', parameters: { type: 'code', code }, inputs: [people] });
    if (message === undefined) expect(result.ok).toBe(true);
    else expect(!result.ok && result.error.message).toContain(message);
  });
});

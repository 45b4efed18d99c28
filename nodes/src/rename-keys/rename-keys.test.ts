import { describe, expect, it } from 'vitest';
import { jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { comparable, loadFixture, runN8nWorkflow } from '../test-support/run-workflow.test-support.js';

it('conforms to n8n: RenameKeys/test/RenameKeys.workflow.json', async () => {
  const fixture = loadFixture('RenameKeys/test/RenameKeys.workflow.json');
  const run = await runN8nWorkflow(fixture);
  expect(run.state.status).toBe('success');
  for (const [node, expected] of Object.entries(fixture.pinData as Record<string, unknown[]>)) {
    expect({ node, output: comparable(run.json(node)) }).toEqual({ node, output: comparable(expected) });
  }
});

const person = jsonItems({ Name: 'x', nested: { Name: 'y', list: [{ Name: 'z' }] }, keep: 1 });
const renames = (...key: Record<string, unknown>[]) => ({ keys: { key } });
const regex = (replacement: Record<string, unknown>) => ({
  additionalOptions: { regexReplacement: { replacements: [replacement] } },
});

describe('Rename Keys', () => {
  it.each([
    [
      'a top-level key',
      renames({ currentKey: 'keep', newKey: 'kept' }),
      { Name: 'x', nested: { Name: 'y', list: [{ Name: 'z' }] }, kept: 1 },
    ],
    [
      'by dot paths, both ways',
      renames({ currentKey: 'nested.Name', newKey: 'top.name' }),
      { Name: 'x', nested: { list: [{ Name: 'z' }] }, keep: 1, top: { name: 'y' } },
    ],
    [
      'nothing for a missing or incomplete key',
      renames({ currentKey: 'nope', newKey: 'x' }, { currentKey: 'keep', newKey: '' }),
      person[0]!.json,
    ],
    [
      'by regex at every depth, arrays included',
      regex({ searchRegex: '^name$', replaceRegex: 'title', options: { caseInsensitive: true } }),
      { title: 'x', nested: { title: 'y', list: [{ title: 'z' }] }, keep: 1 },
    ],
    [
      'by regex at the top level only with depth 0',
      regex({ searchRegex: 'Name', replaceRegex: 'n', options: { depth: 0 } }),
      { n: 'x', nested: { Name: 'y', list: [{ Name: 'z' }] }, keep: 1 },
    ],
    [
      'with regex captures',
      regex({ searchRegex: '(k)(eep)', replaceRegex: '$2$1' }),
      { Name: 'x', nested: { Name: 'y', list: [{ Name: 'z' }] }, eepk: 1 },
    ],
  ])('renames %s', async (_name, parameters, expected) => {
    expect(await outputsOf({ type: 'renameKeys', parameters, inputs: [person] })).toEqual([[expected]]);
  });

  it('leaves the input item as it was and pairs the renamed one with it', async () => {
    const inputs = [jsonItems({ a: { b: 1 } })];
    const result = await runStep({
      type: 'renameKeys',
      parameters: renames({ currentKey: 'a.b', newKey: 'c' }),
      inputs,
    });
    expect(result.ok && result.outputs[0]).toEqual([{ json: { a: {}, c: 1 }, pairedItem: { item: 0 } }]);
    expect(inputs[0]![0]!.json).toEqual({ a: { b: 1 } });
  });
});

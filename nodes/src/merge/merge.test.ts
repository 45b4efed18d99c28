import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@budflow/runtime';
import { merge } from './merge.js';
import { errorOf, jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { comparable, loadFixture, runN8nWorkflow } from '../test-support/run-workflow.test-support.js';

const people = jsonItems({ id: 1, name: 'Sam' }, { id: 2, name: 'Dan' }, { id: 3, name: 'Jon' });
const countries = jsonItems(
  { id: 1, country: 'PL' },
  { id: 3, country: 'UA', name: 'Jonathan' },
  { id: 4, country: 'US' },
);

async function merged(typeVersion: number, parameters: JsonObject, inputs = [people, countries]) {
  return (await outputsOf({ type: 'merge', typeVersion, parameters, inputs }))[0]!;
}

describe('Merge conformance with n8n', () => {
  it.each([
    'Merge/test/node/workflow.chooseBranch.empty.paired.items.json',
    'Merge/test/node/workflow.chooseBranch.json',
    'Merge/test/node/workflow.combine.mergeByPosition.json',
    'Merge/test/node/workflow.keep_non_matches.json',
    'Merge/test/node/workflow.update_2_1.json',
  ])('%s', async (file) => {
    const fixture = loadFixture(file);
    const run = await runN8nWorkflow(fixture);
    expect(run.state.status).toBe('success');
    for (const [node, expected] of Object.entries(fixture.pinData as Record<string, unknown[]>)) {
      expect({ node, runs: run.runs(node), output: comparable(run.json(node)) }).toEqual({
        node,
        runs: 1,
        output: comparable(expected),
      });
    }
  });
});

describe('Merge shape', () => {
  it.each([
    ['v2 has two inputs', 2, {}, 2],
    ['v3 defaults to two inputs', 3, {}, 2],
    ['v3 numberInputs', 3.2, { numberInputs: 4 }, 4],
    ['v3 ignores an expression', 3, { numberInputs: '={{ 5 }}' }, 2],
  ])('inputs: %s', (_name, typeVersion, parameters, expected) => {
    expect(merge.inputs(parameters, typeVersion)).toBe(expected);
  });

  it.each([
    ['chooseBranch waits for both inputs', 3, { mode: 'chooseBranch' }, [0, 1]],
    ['append runs with any input', 3, { mode: 'append' }, 'any'],
    ['v2 chooseBranch', 2, { mode: 'chooseBranch' }, [0, 1]],
    ['v1 wait', 1, { mode: 'wait' }, [0, 1]],
  ])('requiredInputs: %s', (_name, typeVersion, parameters, expected) => {
    expect(merge.requiredInputs!(parameters, typeVersion)).toEqual(expected);
  });
});

describe('Merge v3 combine by matching fields', () => {
  const byId = (joinMode: string, extra: JsonObject = {}) => ({
    mode: 'combine',
    fieldsToMatchString: 'id',
    joinMode,
    ...extra,
  });

  it.each([
    [
      'keepMatches (inner join, input 2 wins)',
      byId('keepMatches'),
      [
        { id: 1, name: 'Sam', country: 'PL' },
        { id: 3, name: 'Jonathan', country: 'UA' },
      ],
    ],
    [
      'keepMatches from input 1',
      byId('keepMatches', { outputDataFrom: 'input1' }),
      [
        { id: 1, name: 'Sam' },
        { id: 3, name: 'Jon' },
      ],
    ],
    [
      'keepMatches from input 2',
      byId('keepMatches', { outputDataFrom: 'input2' }),
      [
        { id: 1, country: 'PL' },
        { id: 3, country: 'UA', name: 'Jonathan' },
      ],
    ],
    [
      'keepNonMatches, tagged with their source',
      byId('keepNonMatches'),
      [
        { id: 2, name: 'Dan', _source: 'input1' },
        { id: 4, country: 'US', _source: 'input2' },
      ],
    ],
    [
      'keepEverything (outer join)',
      byId('keepEverything'),
      [
        { id: 1, name: 'Sam', country: 'PL' },
        { id: 3, name: 'Jonathan', country: 'UA' },
        { id: 2, name: 'Dan' },
        { id: 4, country: 'US' },
      ],
    ],
    [
      'enrichInput1 (left join)',
      byId('enrichInput1'),
      [
        { id: 1, name: 'Sam', country: 'PL' },
        { id: 3, name: 'Jonathan', country: 'UA' },
        { id: 2, name: 'Dan' },
      ],
    ],
    [
      'enrichInput2 (right join, input 1 wins)',
      byId('enrichInput2'),
      [
        { id: 1, name: 'Sam', country: 'PL' },
        { id: 3, name: 'Jon', country: 'UA' },
        { id: 4, country: 'US' },
      ],
    ],
    [
      'prefer input 1 on clashes',
      byId('keepMatches', { options: { clashHandling: { values: { resolveClash: 'preferInput1' } } } }),
      [
        { id: 1, country: 'PL', name: 'Sam' },
        { id: 3, country: 'UA', name: 'Jon' },
      ],
    ],
    [
      'suffix clashing fields',
      byId('keepMatches', { options: { clashHandling: { values: { resolveClash: 'addSuffix' } } } }),
      [
        { id_1: 1, name_1: 'Sam', id_2: 1, country_2: 'PL' },
        { id_1: 3, name_1: 'Jon', id_2: 3, country_2: 'UA', name_2: 'Jonathan' },
      ],
    ],
    [
      'different field names',
      { mode: 'combine', advanced: true, mergeByFields: { values: [{ field1: 'name', field2: 'who' }] } },
      [{ id: 2, name: 'Dan', who: 'Dan' }],
      [people, jsonItems({ who: 'Dan' })],
    ],
    [
      'fuzzy compare of 1 and "1"',
      byId('keepMatches', { options: { fuzzyCompare: true } }),
      [{ id: '1', name: 'Sam' }],
      [people, jsonItems({ id: '1' })],
    ],
  ])('%s', async (_name, parameters, expected, inputs = [people, countries]) => {
    expect(await merged(3, parameters as JsonObject, inputs)).toEqual(expected);
  });

  it('pairs merged items with the items they came from', async () => {
    const result = await runStep({
      type: 'merge',
      typeVersion: 3,
      parameters: byId('keepMatches'),
      inputs: [people, countries],
    });
    expect(result.ok && result.outputs[0]!.map((item) => item.pairedItem)).toEqual([
      [{ item: 0 }, { item: 0, input: 1 }],
      [{ item: 2 }, { item: 1, input: 1 }],
    ]);
  });

  it('stops when keeping matches and an input is empty', async () => {
    expect(await merged(3, byId('keepMatches'), [people, []])).toEqual([]);
  });

  it('refuses empty fields to match', async () => {
    const error = await errorOf({
      type: 'merge',
      typeVersion: 3,
      parameters: { mode: 'combine', fieldsToMatchString: '' },
      inputs: [people, countries],
    });
    expect(error.message).toBe(
      'You need to define at least one pair of fields in "Fields to Match" to match on',
    );
  });
});

describe('Merge v3 other modes', () => {
  it('appends any number of inputs, pairing items with their input', async () => {
    const inputs = [jsonItems({ a: 1 }), jsonItems({ b: 2 }), jsonItems({ c: 3 })];
    const result = await runStep({ type: 'merge', typeVersion: 3, parameters: { numberInputs: 3 }, inputs });
    expect(result.ok && result.outputs[0]).toEqual([
      { json: { a: 1 }, pairedItem: { item: 0 } },
      { json: { b: 2 }, pairedItem: { item: 0, input: 1 } },
      { json: { c: 3 }, pairedItem: { item: 0, input: 2 } },
    ]);
  });

  it.each([
    [
      'the last input wins',
      {},
      [
        { id: 1, name: 'Sam', country: 'PL' },
        { id: 3, name: 'Jonathan', country: 'UA' },
      ],
    ],
    [
      'input 1 wins',
      { options: { clashHandling: { values: { resolveClash: 'preferInput1' } } } },
      [
        { id: 1, name: 'Sam', country: 'PL' },
        { id: 2, name: 'Dan', country: 'UA' },
      ],
    ],
    [
      'unpaired items included',
      { options: { includeUnpaired: true } },
      [
        { id: 1, name: 'Sam', country: 'PL' },
        { id: 3, name: 'Jonathan', country: 'UA' },
        { id: 3, name: 'Jon' },
      ],
    ],
  ])('combines by position: %s', async (_name, extra, expected) => {
    const parameters = { mode: 'combine', combineBy: 'combineByPosition', ...extra };
    expect(await merged(3, parameters as JsonObject, [people, countries.slice(0, 2)])).toEqual(expected);
  });

  it('combines all possible pairs', async () => {
    const output = await merged(3, { mode: 'combine', combineBy: 'combineAll' }, [
      people.slice(0, 2),
      countries.slice(0, 2),
    ]);
    expect(output.map((json) => `${json.name}/${json.country}`)).toEqual([
      'Sam/PL',
      'Jonathan/UA',
      'Dan/PL',
      'Jonathan/UA',
    ]);
  });

  it.each([
    ['input 2', { mode: 'chooseBranch', useDataOfInput: 2 }, comparable(countries)],
    ['an empty item', { mode: 'chooseBranch', output: 'empty' }, [{}]],
  ])('chooses %s', async (_name, parameters, expected) => {
    expect(await merged(3, parameters)).toEqual(expected);
  });

  it('rejects a branch that does not exist', async () => {
    const error = await errorOf({
      type: 'merge',
      typeVersion: 3,
      parameters: { mode: 'chooseBranch', useDataOfInput: 3 },
      inputs: [people, countries],
    });
    expect(error.message).toBe("Input 3 doesn't exist");
  });
});

describe('Merge v2', () => {
  it.each([
    ['append', { mode: 'append' }, 6],
    ['multiplex', { mode: 'combine', combinationMode: 'multiplex' }, 9],
    ['merge by position', { mode: 'combine', combinationMode: 'mergeByPosition' }, 3],
  ])('%s', async (_name, parameters, count) => {
    expect(await merged(2, parameters)).toHaveLength(count);
  });

  it('requires the match fields to exist in v2.0 but not in v2.1', async () => {
    const parameters = { mode: 'combine', mergeByFields: { values: [{ field1: 'nope', field2: 'nope' }] } };
    expect(
      (await errorOf({ type: 'merge', typeVersion: 2, parameters, inputs: [people, countries] })).message,
    ).toBe("Field 'nope' is not present in any of items in 'Input 1'");
    expect(await merged(2.1, parameters)).toEqual([]);
  });
});

describe('Merge v1', () => {
  it.each([
    ['append', { mode: 'append' }, 6],
    ['mergeByIndex left', { mode: 'mergeByIndex' }, 3],
    ['mergeByIndex inner', { mode: 'mergeByIndex', join: 'inner' }, 3],
    ['keepKeyMatches', { mode: 'keepKeyMatches', propertyName1: 'id', propertyName2: 'id' }, 2],
    ['removeKeyMatches', { mode: 'removeKeyMatches', propertyName1: 'id', propertyName2: 'id' }, 1],
    ['passThrough input 2', { mode: 'passThrough', output: 'input2' }, 3],
    ['wait', { mode: 'wait' }, 1],
  ])('%s', async (_name, parameters, count) => {
    expect(await merged(1, parameters)).toHaveLength(count);
  });

  it.each([
    ['always', { id: 3, name: 'Jonathan', country: 'UA' }],
    ['undefined', { id: 3, name: 'Jon', country: 'UA' }],
  ])('mergeByKey overwrites %s', async (overwrite, third) => {
    const output = await merged(1, {
      mode: 'mergeByKey',
      propertyName1: 'id',
      propertyName2: 'id',
      overwrite,
    });
    expect(output).toEqual([{ id: 1, name: 'Sam', country: 'PL' }, { id: 2, name: 'Dan' }, third]);
  });
});

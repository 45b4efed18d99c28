import { describe, expect, it } from 'vitest';
import {
  errorOf,
  firstOutput,
  jsonItems,
  outputsOf,
  runStep,
} from '../test-support/run-step.test-support.js';
import { comparable, expectFixtureToConform } from '../test-support/run-workflow.test-support.js';

const person = { name: 'Ada', address: { city: 'London', zip: 'N1' }, tags: ['x'] };

describe('Edit Fields (Set) conformance with n8n', () => {
  it.each([
    'Set/test/Set.v3.workflow.json',
    'Set/test/Set.workflow.json',
    'Set/test/Set.workflow.null_values.json',
    'Set/test/Set.workflow.number.json',
  ])('%s', async (file) => {
    await expectFixtureToConform(file);
  });
});

describe('Edit Fields v3.3+ manual mode', () => {
  const assign = (name: string, type: string, value: unknown) => ({ id: name, name, type, value });
  const manual = (assignments: unknown[], extra = {}) => ({
    mode: 'manual',
    assignments: { assignments },
    ...extra,
  });

  it.each([
    ['a string from a number', assign('s', 'string', 5), { s: '5' }],
    ['a number from text', assign('n', 'number', '42'), { n: 42 }],
    ['a boolean from text', assign('b', 'boolean', 'false'), { b: false }],
    ['an array from JSON text', assign('a', 'array', '[1,"x"]'), { a: [1, 'x'] }],
    ['an object from JS text', assign('o', 'object', "{k: 'v'}"), { o: { k: 'v' } }],
    ['a nested path', assign('a.b[1]', 'number', 7), { a: { b: [undefined, 7] } }],
    ['an expression value', assign('copy', 'string', '={{ $json.name }}'), { copy: 'Ada' }],
    ['null kept as null', assign('z', 'number', '={{ null }}'), { z: null }],
  ])('sets %s', async (_name, assignment, expected) => {
    const json = await firstOutput({
      type: 'set',
      typeVersion: 3.4,
      parameters: manual([assignment]),
      inputs: [jsonItems(person)],
    });
    expect(comparable([json])).toEqual(comparable([expected]));
  });

  it('keeps the input fields only with includeOtherFields', async () => {
    const assignment = assign('extra', 'string', 'yes');
    const alone = await firstOutput({
      type: 'set',
      typeVersion: 3.4,
      parameters: manual([assignment]),
      inputs: [jsonItems(person)],
    });
    const all = await firstOutput({
      type: 'set',
      typeVersion: 3.4,
      parameters: manual([assignment], { includeOtherFields: true }),
      inputs: [jsonItems(person)],
    });
    expect(alone).toEqual({ extra: 'yes' });
    expect(all).toEqual({ ...person, extra: 'yes' });
  });

  it.each([
    [
      'selected (the last part of a path)',
      { include: 'selected', includeFields: 'name, address.city' },
      { name: 'Ada', city: 'London', x: 1 },
    ],
    [
      'all except',
      { include: 'except', excludeFields: 'tags,address.zip' },
      { name: 'Ada', address: { city: 'London' }, x: 1 },
    ],
  ])('includes %s input fields', async (_name, include, expected) => {
    const json = await firstOutput({
      type: 'set',
      typeVersion: 3.4,
      parameters: manual([assign('x', 'number', 1)], { includeOtherFields: true, ...include }),
      inputs: [jsonItems(person)],
    });
    expect(json).toEqual(expected);
  });

  it('writes dotted names as keys when dot notation is off', async () => {
    const json = await firstOutput({
      type: 'set',
      typeVersion: 3.4,
      parameters: manual([assign('a.b', 'string', 'v')], { options: { dotNotation: false } }),
    });
    expect(json).toEqual({ 'a.b': 'v' });
  });

  it('fails on a conversion error, naming the field and item', async () => {
    const error = await errorOf({
      type: 'set',
      typeVersion: 3.4,
      parameters: manual([assign('n', 'number', 'abc')]),
      inputs: [jsonItems({}, {})],
    });
    expect(error.message).toBe("'n' expects a number but we got 'abc' [item 0]");
    expect(error.description).toContain('Ignore Type Conversion Errors');
    expect(error.context).toEqual({ itemIndex: 0 });
  });

  it('keeps the unconverted value with ignoreConversionErrors', async () => {
    const json = await firstOutput({
      type: 'set',
      typeVersion: 3.4,
      parameters: manual([assign('n', 'number', 'abc')], { options: { ignoreConversionErrors: true } }),
    });
    expect(json).toEqual({ n: 'abc' });
  });

  it('reports errors in items when the node continues on fail', async () => {
    const json = await firstOutput({
      type: 'set',
      typeVersion: 3.4,
      parameters: manual([assign('n', 'number', 'abc')]),
      continueOnFail: true,
    });
    expect(json).toEqual({
      error: "'n' expects a number but we got 'abc' [item 0]",
      pairedItem: { item: 0 },
    });
  });

  it('duplicates items in manual executions', async () => {
    const parameters = manual([assign('x', 'number', 1)], { duplicateItem: true, duplicateCount: 2 });
    const [manualRun] = await outputsOf({ type: 'set', typeVersion: 3.4, parameters, mode: 'manual' });
    const [production] = await outputsOf({ type: 'set', typeVersion: 3.4, parameters, mode: 'production' });
    expect([manualRun!.length, production!.length]).toEqual([3, 1]);
  });

  it.each([
    [
      '3.4 keeps binary with other fields unless stripped',
      3.4,
      { includeOtherFields: true, options: { stripBinary: false } },
      true,
    ],
    [
      '3.4 strips binary by default option value',
      3.4,
      { includeOtherFields: true, options: { stripBinary: true } },
      false,
    ],
    ['3.4 drops binary with no other fields', 3.4, {}, false],
    ['3.3 keeps binary with includeBinary', 3.3, { options: { includeBinary: true } }, true],
    ['3.3 drops binary without includeBinary', 3.3, {}, false],
  ])('binary: %s', async (_name, typeVersion, extra, kept) => {
    const binary = { file: { mimeType: 'text/plain', data: 'aGk=' } };
    const result = await runStep({
      type: 'set',
      typeVersion,
      parameters: manual([], extra),
      inputs: [[{ json: {}, binary }]],
    });
    expect(result.ok && result.outputs[0]![0]!.binary !== undefined).toBe(kept);
  });

  it('pairs every output item with its input item', async () => {
    const result = await runStep({
      type: 'set',
      typeVersion: 3.4,
      parameters: manual([]),
      inputs: [[{ json: {}, pairedItem: { item: 7 } }, { json: {} }]],
    });
    expect(result.ok && result.outputs[0]!.map((item) => item.pairedItem)).toEqual([
      { item: 0 },
      { item: 1 },
    ]);
  });
});

describe('Edit Fields v3.0 – 3.2', () => {
  it('reads fields.values and fills an object field template with JSON', async () => {
    const parameters = {
      fields: {
        values: [{ name: 'o', type: 'objectValue', objectValue: '={ "city": {{ $json.address }} }' }],
      },
      include: 'none',
    };
    const json = await firstOutput({
      type: 'set',
      typeVersion: 3.2,
      parameters,
      inputs: [jsonItems(person)],
    });
    expect(json).toEqual({ o: { city: { city: 'London', zip: 'N1' } } });
  });

  it('includes all input fields by default', async () => {
    const parameters = { fields: { values: [{ name: 'x', stringValue: 'y' }] } };
    const json = await firstOutput({
      type: 'set',
      typeVersion: 3,
      parameters,
      inputs: [jsonItems({ a: 1 })],
    });
    expect(json).toEqual({ a: 1, x: 'y' });
  });

  it.each([
    ['3.0 stringifies null', 3, 'null'],
    ['3.2 keeps null', 3.2, null],
  ])('%s', async (_name, typeVersion, expected) => {
    const parameters = { fields: { values: [{ name: 'x', stringValue: '={{ null }}' }] }, include: 'none' };
    const json = await firstOutput({ type: 'set', typeVersion, parameters });
    expect(json).toEqual({ x: expected });
  });

  it('fails on a null string in 3.1', async () => {
    const parameters = { fields: { values: [{ name: 'x', stringValue: '={{ null }}' }] }, include: 'none' };
    expect((await errorOf({ type: 'set', typeVersion: 3.1, parameters })).message).toBe(
      "'x' expects a string but we got 'null' [item 0]",
    );
  });
});

describe('Edit Fields JSON mode', () => {
  it.each([
    ['plain JSON', '{"a": 1}', { a: 1 }],
    ['an object parameter', { a: { b: 2 } }, { a: { b: 2 } }],
    [
      'an expression template, objects as JSON',
      '={ "who": {{ $json.name.toJsonString() }}, "where": {{ $json.address }} }',
      { who: 'Ada', where: person.address },
    ],
    ['repaired JS-ish text', "{a: 'x',}", { a: 'x' }],
  ])('%s', async (_name, jsonOutput, expected) => {
    const json = await firstOutput({
      type: 'set',
      typeVersion: 3.4,
      parameters: { mode: 'raw', jsonOutput },
      inputs: [jsonItems(person)],
    });
    expect(json).toEqual(expected);
  });

  it.each([
    ['invalid JSON', '{ nope', "The 'JSON Output' in item 0 contains invalid JSON"],
    ['not an object', '[1, 2]', "The 'JSON Output' in item 0 does not contain a valid JSON object"],
  ])('fails on %s', async (_name, jsonOutput, message) => {
    expect(
      (await errorOf({ type: 'set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput } })).message,
    ).toBe(message);
  });
});

describe('Set v1 and v2', () => {
  it('outputs one item even without input items', async () => {
    const parameters = { values: { string: [{ name: 'a', value: 'b' }] } };
    expect(await outputsOf({ type: 'set', typeVersion: 1, parameters, inputs: [[]] })).toEqual([
      [{ a: 'b' }],
    ]);
  });

  it.each([
    ['v1 keeps numeric strings', 1, '5'],
    ['v2 makes numbers of numeric strings', 2, 5],
  ])('%s', async (_name, typeVersion, expected) => {
    const parameters = { keepOnlySet: true, values: { number: [{ name: 'n', value: '5' }] } };
    expect(await outputsOf({ type: 'set', typeVersion, parameters })).toEqual([[{ n: expected }]]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Item } from '@budflow/runtime';
import { errorOf, jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { expectFixtureToConform } from '../test-support/run-workflow.test-support.js';
import { switchNode } from './switch.js';

describe('Switch conformance with n8n', () => {
  it.each([
    'Switch/V1/test/switch.rules.workflow.json',
    'Switch/V2/test/switch.expression.workflow.json',
    'Switch/V2/test/switch.regex.workflow.json',
    'Switch/V2/test/switch.rules.workflow.json',
    'Switch/V3/test/switch.expression.workflow.json',
    'Switch/V3/test/switch.rules.workflow.json',
  ])('%s', async (file) => {
    await expectFixtureToConform(file);
  });
});

describe('Switch outputs', () => {
  it.each([
    ['v1 always has four', 1, {}, 4],
    ['v2 expression mode defaults to four', 2, { mode: 'expression' }, 4],
    ['v2 expression mode counts outputsAmount', 2, { mode: 'expression', outputsAmount: 2 }, 2],
    ['v2 rules mode has one per rule', 2, { rules: { rules: [{}, {}, {}] } }, 3],
    ['v2 without rules has none', 2, {}, 0],
    ['v3 starts with one rule', 3, {}, 1],
    ['v3 has one per rule', 3.2, { rules: { values: [{}, {}] } }, 2],
    [
      'v3 adds the extra fallback output',
      3.2,
      { rules: { values: [{}, {}] }, options: { fallbackOutput: 'extra' } },
      3,
    ],
    [
      'v3 falling back to a rule adds none',
      3.2,
      { rules: { values: [{}] }, options: { fallbackOutput: 0 } },
      1,
    ],
    ['v3 expression mode counts numberOutputs', 3, { mode: 'expression', numberOutputs: 6 }, 6],
    [
      'an expression count falls back to the default',
      3,
      { mode: 'expression', numberOutputs: '={{ 2 }}' },
      4,
    ],
  ])('%s', (_name, typeVersion, parameters, expected) => {
    expect(switchNode.outputs(parameters, typeVersion)).toBe(expected);
  });
});

const numbered = jsonItems({ n: 1 }, { n: 5 }, { n: 9 });

describe('Switch v1 and v2', () => {
  it('routes by rules to the output each rule names, the rest to the fallback', async () => {
    const parameters = {
      value1: '={{ $json.n }}',
      rules: {
        rules: [
          { operation: 'smaller', value2: 3, output: 2 },
          { operation: 'equal', value2: 5, output: 0 },
        ],
      },
      fallbackOutput: 3,
    };
    expect(await outputsOf({ type: 'switch', parameters, inputs: [numbered] })).toEqual([
      [{ n: 5 }],
      [],
      [{ n: 1 }],
      [{ n: 9 }],
    ]);
  });

  it('compares dates as times', async () => {
    const parameters = {
      dataType: 'dateTime',
      value1: '={{ $json.at }}',
      rules: { rules: [{ operation: 'before', value2: '2024-01-01T00:00:00Z', output: 1 }] },
    };
    const inputs = [jsonItems({ at: '2023-06-01' }, { at: '2025-06-01' })];
    expect(await outputsOf({ type: 'switch', parameters, inputs })).toEqual([
      [],
      [{ at: '2023-06-01' }],
      [],
      [],
    ]);
  });

  it('names the allowed range when a rule points past the outputs', async () => {
    const parameters = { value1: 1, rules: { rules: [{ operation: 'equal', value2: 1, output: 7 }] } };
    expect((await errorOf({ type: 'switch', parameters })).message).toBe(
      'The ouput 7 is not allowed. It has to be between 0 and 3!',
    );
  });

  it('v2 sends a match to the rule’s own output and pairs it with its input', async () => {
    const parameters = {
      dataType: 'string',
      value1: '={{ $json.s }}',
      rules: { rules: [{ value2: 'a' }, { value2: 'b' }] },
    };
    const result = await runStep({
      type: 'switch',
      typeVersion: 2,
      parameters,
      inputs: [jsonItems({ s: 'b' }, { s: 'a' })],
    });
    expect(result.ok && result.outputs).toEqual([
      [{ json: { s: 'a' }, pairedItem: { item: 1 } }],
      [{ json: { s: 'b' }, pairedItem: { item: 0 } }],
    ]);
  });

  it('v2 expression mode rejects an output it does not have', async () => {
    const parameters = { mode: 'expression', output: '={{ 4 }}', outputsAmount: 2 };
    expect((await errorOf({ type: 'switch', typeVersion: 2, parameters })).message).toBe(
      'The ouput 4 is not allowed. It has to be between 0 and 1!',
    );
  });

  it('puts the error on output 0 when continuing on fail', async () => {
    const parameters = { mode: 'expression', output: 9 };
    expect(await outputsOf({ type: 'switch', parameters, continueOnFail: true })).toEqual([
      [{ error: 'The ouput 9 is not allowed. It has to be between 0 and 3!' }],
      [],
      [],
      [],
    ]);
  });
});

const rule = (rightValue: unknown, type = 'string', operation = 'equals') => ({
  conditions: {
    options: { caseSensitive: true, leftValue: '', typeValidation: 'strict' },
    conditions: [{ leftValue: '={{ $json.v }}', rightValue, operator: { type, operation } }],
    combinator: 'and',
  },
});

const values = (...v: unknown[]): Item[] => v.map((value) => ({ json: { v: value } }));

describe('Switch v3', () => {
  it('sends an item to the first matching rule only, by default', async () => {
    const parameters = { rules: { values: [rule(1, 'number', 'gt'), rule(2, 'number', 'gt')] } };
    expect(await outputsOf({ type: 'switch', typeVersion: 3.2, parameters, inputs: [values(3)] })).toEqual([
      [{ v: 3 }],
      [],
    ]);
  });

  it('sends an item to every matching output with allMatchingOutputs', async () => {
    const parameters = {
      rules: { values: [rule(1, 'number', 'gt'), rule(2, 'number', 'gt')] },
      options: { allMatchingOutputs: true },
    };
    expect(await outputsOf({ type: 'switch', typeVersion: 3.2, parameters, inputs: [values(3, 0)] })).toEqual(
      [[{ v: 3 }], [{ v: 3 }]],
    );
  });

  it.each([
    ['dropped without a fallback', {}, [[{ v: 'a' }], []]],
    ['sent to the extra output', { fallbackOutput: 'extra' }, [[{ v: 'a' }], [], [{ v: 'z' }]]],
    ['sent to a rule’s output', { fallbackOutput: 1 }, [[{ v: 'a' }], [{ v: 'z' }]]],
  ])('an unmatched item is %s', async (_name, options, expected) => {
    const parameters = { rules: { values: [rule('a'), rule('b')] }, options };
    expect(
      await outputsOf({ type: 'switch', typeVersion: 3, parameters, inputs: [values('a', 'z')] }),
    ).toEqual(expected);
  });

  it('ignores case with the ignoreCase option when the conditions carry no options', async () => {
    const conditions = {
      conditions: [{ leftValue: 'ABC', rightValue: 'abc', operator: { type: 'string' } }],
    };
    const parameters = { rules: { values: [{ conditions }] }, options: { ignoreCase: true } };
    expect((await outputsOf({ type: 'switch', typeVersion: 3.2, parameters }))[0]).toHaveLength(1);
  });

  it('fails on a strict type mismatch, naming the item and suggesting conversion', async () => {
    const parameters = { rules: { values: [rule(5, 'number')] } };
    const error = await errorOf({ type: 'switch', typeVersion: 3.2, parameters, inputs: [values('5')] });
    expect(error.message).toBe(
      "Wrong type: '5' is a string but was expecting a number [condition 0, item 0]",
    );
    expect(error.context).toEqual({ itemIndex: 0 });
  });

  it.each([
    ['the 3.1+ node parameter', 3.2, { looseTypeValidation: true }],
    ['the 3.0 option', 3, { options: { looseTypeValidation: true } }],
  ])('converts types with %s', async (_name, typeVersion, extra) => {
    const loose = { ...rule(5, 'number'), conditions: { ...rule(5, 'number').conditions, options: {} } };
    const parameters = { rules: { values: [loose] }, ...extra };
    expect((await outputsOf({ type: 'switch', typeVersion, parameters, inputs: [values('5')] }))[0]).toEqual([
      { v: '5' },
    ]);
  });

  it.each([
    ['one past the last output', 3, 'The ouput 3 is not allowed. ', 'use 2'],
    ['a negative output', -1, 'The ouput -1 is not allowed', 'between 0 and 2'],
  ])('expression mode rejects %s', async (_name, output, message, hint) => {
    const parameters = { mode: 'expression', numberOutputs: 3, output };
    const error = await errorOf({ type: 'switch', typeVersion: 3, parameters });
    expect(error.message).toBe(message);
    expect(error.description).toContain(hint);
  });

  it('expression mode reads a numeric text as the output index', async () => {
    const parameters = { mode: 'expression', numberOutputs: 2, output: '={{ "1" }}' };
    expect(await outputsOf({ type: 'switch', typeVersion: 3, parameters })).toEqual([[], [{}]]);
  });

  it('puts failing items on output 0 as errors when continuing on fail', async () => {
    const parameters = { rules: { values: [rule(5, 'number')] } };
    const outputs = await outputsOf({
      type: 'switch',
      typeVersion: 3.2,
      parameters,
      inputs: [values('5', 5)],
      continueOnFail: true,
    });
    expect(outputs).toEqual([
      [{ error: "Wrong type: '5' is a string but was expecting a number [condition 0, item 0]" }, { v: 5 }],
    ]);
  });
});

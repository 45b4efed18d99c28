import { describe, expect, it } from 'vitest';
import { errorOf, jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { expectFixtureToConform } from '../test-support/run-workflow.test-support.js';
import { filter } from './filter.js';

describe('Filter conformance with n8n', () => {
  it.each(['Filter/test/workflow_v1.json', 'Filter/test/workflow_v2.json'])('%s', async (file) => {
    await expectFixtureToConform(file);
  });
});

it('has one connectable output, as in n8n (an error output comes next)', () => {
  expect(filter.outputs({}, 2.2)).toBe(1);
});

const people = jsonItems({ n: 5, s: 'Ann' }, { n: 1, s: 'bob' });

describe('Filter v1', () => {
  it.each([
    [
      'AND keeps items meeting all conditions',
      'AND',
      [
        [],
        [
          { n: 5, s: 'Ann' },
          { n: 1, s: 'bob' },
        ],
      ],
    ],
    [
      'OR keeps items meeting any condition',
      'OR',
      [
        [
          { n: 5, s: 'Ann' },
          { n: 1, s: 'bob' },
        ],
        [],
      ],
    ],
  ])('%s', async (_name, combineConditions, expected) => {
    const parameters = {
      conditions: {
        number: [{ value1: '={{ $json.n }}', operation: 'larger', value2: 3 }],
        string: [{ value1: '={{ $json.s }}', operation: 'regex', value2: '/^[a-z]/' }],
      },
      combineConditions,
    };
    expect(await outputsOf({ type: 'filter', parameters, inputs: [people] })).toEqual(expected);
  });

  it('keeps every item when there are no conditions', async () => {
    expect((await outputsOf({ type: 'filter', inputs: [people] }))[0]).toHaveLength(2);
  });

  it('fails on a value that is not a date', async () => {
    const parameters = { conditions: { dateTime: [{ value1: 'soon', value2: '2024-01-01' }] } };
    expect((await errorOf({ type: 'filter', parameters })).message).toBe(
      'The value "soon" is not a valid DateTime.',
    );
  });
});

const condition = (leftValue: unknown, type: string, operation: string, rightValue: unknown = '') => ({
  leftValue,
  rightValue,
  operator: { type, operation },
});

const filterOn = (...conditions: unknown[]) => ({ options: {}, conditions, combinator: 'and' });

describe('Filter v2', () => {
  it('returns kept and discarded items, paired with their input position', async () => {
    const parameters = { conditions: filterOn(condition('={{ $json.n }}', 'number', 'gt', 3)) };
    const result = await runStep({ type: 'filter', typeVersion: 2.2, parameters, inputs: [people] });
    expect(result.ok && result.outputs).toEqual([
      [{ json: { n: 5, s: 'Ann' }, pairedItem: { item: 0 } }],
      [{ json: { n: 1, s: 'bob' }, pairedItem: { item: 1 } }],
    ]);
  });

  it('fails on a strict type mismatch, naming the item and suggesting conversion', async () => {
    const parameters = { conditions: filterOn(condition('={{ $json.s }}', 'number', 'equals', 5)) };
    const error = await errorOf({ type: 'filter', typeVersion: 2.2, parameters, inputs: [people] });
    expect(error.message).toBe(
      "Wrong type: 'Ann' is a string but was expecting a number [condition 0, item 0]",
    );
    expect(error.context).toEqual({ itemIndex: 0 });
    expect(error.description).toBeTruthy();
  });

  it.each([
    ['the 2.1+ node parameter', 2.1, { looseTypeValidation: true }],
    ['the 2.0 option', 2, { options: { looseTypeValidation: true } }],
  ])('converts types with %s', async (_name, typeVersion, extra) => {
    const parameters = { conditions: filterOn(condition('={{ $json.v }}', 'number', 'equals', 5)), ...extra };
    const inputs = [jsonItems({ v: '5' }, { v: '6' })];
    expect(await outputsOf({ type: 'filter', typeVersion, parameters, inputs })).toEqual([
      [{ v: '5' }],
      [{ v: '6' }],
    ]);
  });

  it('ignores case with options.ignoreCase', async () => {
    const conditions = { conditions: [condition('ABC', 'string', 'equals', 'abc')] };
    const parameters = { conditions, options: { ignoreCase: true } };
    expect((await outputsOf({ type: 'filter', typeVersion: 2, parameters }))[0]).toHaveLength(1);
  });

  it('discards items that fail to evaluate when continuing on fail', async () => {
    const parameters = { conditions: filterOn(condition('={{ $json.s }}', 'number', 'equals', 5)) };
    expect(
      await outputsOf({
        type: 'filter',
        typeVersion: 2.2,
        parameters,
        inputs: [people],
        continueOnFail: true,
      }),
    ).toEqual([[], people.map((item) => item.json)]);
  });
});

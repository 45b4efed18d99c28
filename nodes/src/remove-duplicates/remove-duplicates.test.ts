import { describe, expect, it } from 'vitest';
import { errorOf, jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';

const rows = jsonItems(
  { id: 1, name: 'a', tag: { x: 1 } },
  { id: 2, name: 'a', tag: { x: 1 } },
  { id: 1, name: 'a', tag: { x: 1 } },
  { id: 3, name: 'b', tag: { x: 2 } },
);
const ids = (outputs: Record<string, unknown>[][]) => outputs[0]!.map((json) => json.id);

describe('Remove Duplicates: items repeated in the input', () => {
  it.each([
    ['all fields', {}, [1, 2, 3]],
    ['all fields except some', { compare: 'allFieldsExcept', fieldsToExclude: 'id' }, [1, 3]],
    ['selected fields', { compare: 'selectedFields', fieldsToCompare: 'name' }, [1, 3]],
    ['a nested field', { compare: 'selectedFields', fieldsToCompare: 'tag.x' }, [1, 3]],
  ])('compares %s, keeping the first of the duplicates', async (_name, parameters, expected) => {
    expect(ids(await outputsOf({ type: 'removeDuplicates', parameters, inputs: [rows] }))).toEqual(expected);
  });

  it('keeps only the compared fields with removeOtherFields, paired with the kept input items', async () => {
    const parameters = {
      compare: 'selectedFields',
      fieldsToCompare: 'name, tag.x',
      options: { removeOtherFields: true },
    };
    const result = await runStep({ type: 'removeDuplicates', typeVersion: 2, parameters, inputs: [rows] });
    expect(result.ok && result.outputs[0]).toEqual([
      { json: { name: 'a', tag: { x: 1 } }, pairedItem: { item: 0 } },
      { json: { name: 'b', tag: { x: 2 } }, pairedItem: { item: 3 } },
    ]);
  });

  it.each([
    ['v1 names the field only', 1, 'The type of this field varies between items'],
    [
      'v1.1 names the items',
      1.1,
      "The type of this field varies between items, in item [0] it's a number and in item [1] it's a string ",
    ],
  ])('a field of changing type fails: %s', async (_name, typeVersion, description) => {
    const inputs = [jsonItems({ v: 1 }, { v: '1' })];
    const error = await errorOf({ type: 'removeDuplicates', typeVersion, inputs });
    expect(error.message).toBe("'v' isn't always the same type");
    expect(error.description).toBe(description);
  });

  it('from v1.1 null values do not count as another type', async () => {
    const inputs = [jsonItems({ v: null }, { v: 1 }, { v: 1 })];
    expect(await outputsOf({ type: 'removeDuplicates', typeVersion: 1.1, inputs })).toEqual([
      [{ v: null }, { v: 1 }],
    ]);
  });

  it.each([
    [
      'no field to compare',
      { compare: 'selectedFields' },
      'No fields specified. Please add a field to compare on',
    ],
    [
      'no field to exclude',
      { compare: 'allFieldsExcept' },
      'No fields specified. Please add a field to exclude from comparison',
    ],
    [
      'a field some items lack',
      { compare: 'selectedFields', fieldsToCompare: 'zz' },
      "'zz' field is missing from some input items",
    ],
  ])('fails on %s', async (_name, parameters, message) => {
    expect((await errorOf({ type: 'removeDuplicates', parameters, inputs: [rows] })).message).toBe(message);
  });
});

describe('Remove Duplicates v2: other operations', () => {
  it.each(['removeItemsSeenInPreviousExecutions', 'clearDeduplicationHistory'])(
    '%s fails clearly: it needs a store across executions',
    async (operation) => {
      const error = await errorOf({ type: 'removeDuplicates', typeVersion: 2, parameters: { operation } });
      expect(error.message).toMatch(/is not supported by BudFlow yet$/);
      expect(error.description).toContain('previous executions');
    },
  );
});

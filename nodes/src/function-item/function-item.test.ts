import { describe, expect, it } from 'vitest';
import type { Item } from '@budflow/runtime';
import { flowError, flowOutputs, runFlowStep } from '../shared/flow-run.test-support.js';
import { jsonItems } from '../test-support/run-step.test-support.js';

const run = (functionCode: string, extra: object = {}) =>
  flowOutputs({
    type: 'functionItem',
    parameters: { functionCode },
    inputs: [jsonItems({ a: 1 }, { a: 2 })],
    ...extra,
  });

describe('Function Item (legacy)', () => {
  it('runs the default code on every item', async () => {
    expect((await flowOutputs({ type: 'functionItem', inputs: [jsonItems({ a: 1 }, { a: 2 })] }))[0]).toEqual(
      [
        { a: 1, myNewField: 1 },
        { a: 2, myNewField: 1 },
      ],
    );
  });

  it.each([
    [
      'the changed json',
      'item.b = item.a * 10; return item;',
      [
        { a: 1, b: 10 },
        { a: 2, b: 20 },
      ],
    ],
    [
      'a new object per item',
      'return { double: $json.a * 2, at: $itemIndex };',
      [
        { double: 2, at: 0 },
        { double: 4, at: 1 },
      ],
    ],
    [
      "another item's variables",
      'return { other: $item(1 - $itemIndex).$json.a };',
      [{ other: 2 }, { other: 1 }],
    ],
  ])('returns %s', async (_name, code, expected) => {
    expect((await run(code))[0]).toEqual(expected);
  });

  it('pairs each output with its item and keeps binary data, which the code may replace', async () => {
    const input: Item[] = [{ json: {}, binary: { data: { mimeType: 'text/plain', data: 'aGk=' } } }];
    const code =
      "const b = getBinaryData(); b.data.fileName = 'x.txt'; setBinaryData(b); return { has: !!b.data };";
    const result = await runFlowStep({
      type: 'functionItem',
      parameters: { functionCode: code },
      inputs: [input],
    });
    expect(result.ok && result.outputs[0]).toEqual([
      {
        json: { has: true },
        pairedItem: { item: 0 },
        binary: { data: { mimeType: 'text/plain', data: 'aGk=', fileName: 'x.txt' } },
      },
    ]);
  });

  it.each([
    ['nothing returned', 'return;', 'No data got returned. Always an object has to be returned!'],
    [
      'a thrown error, with line and item',
      'if ($itemIndex === 1)\n  throw new Error("bad");\nreturn item;',
      'bad [Line 2 | Item Index: 1]',
    ],
  ])('fails on %s', async (_name, code, message) => {
    const error = await flowError({
      type: 'functionItem',
      parameters: { functionCode: code },
      inputs: [jsonItems({}, {})],
    });
    expect(error.message).toBe(message);
  });

  it('reports errors per item when it continues', async () => {
    const result = await run('if (item.a === 2) throw new Error("bad"); return item;', {
      continueOnFail: true,
    });
    expect(result[0]).toEqual([{ a: 1 }, { error: 'bad' }]);
  });
});

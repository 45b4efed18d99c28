import { describe, expect, it } from 'vitest';
import { flowError, flowOutputs, runFlow, runFlowStep } from '../shared/flow-run.test-support.js';
import { jsonItems } from '../test-support/run-step.test-support.js';

const run = (functionCode: string, extra: object = {}) =>
  flowOutputs({
    type: 'function',
    parameters: { functionCode },
    inputs: [jsonItems({ a: 1 }, { a: 2 })],
    ...extra,
  });

describe('Function (legacy)', () => {
  it('runs the default code: every item gets myNewField', async () => {
    const result = await flowOutputs({ type: 'function', inputs: [jsonItems({ a: 1 })] });
    expect(result[0]).toEqual([{ a: 1, myNewField: 1 }]);
  });

  it.each([
    ['changed items', 'items[0].json.b = items.length; return items;', [{ a: 1, b: 2 }, { a: 2 }]],
    ['bare objects as items', 'return [{ x: 1 }, { x: 2 }];', [{ x: 1 }, { x: 2 }]],
    ['one bare object', 'return { x: 1 };', [{ x: 1 }]],
    [
      "another item's variables with $item",
      'return [{ second: $item(1).$json.a, first: $json.a }];',
      [{ second: 2, first: 1 }],
    ],
    [
      'item positions',
      'return items.map((i) => ({ json: { index: i.index } }));',
      [{ index: 0 }, { index: 1 }],
    ],
    [
      'parameters',
      "return [{ own: getNodeParameter('functionCode', 0).startsWith('return [{ own') }];",
      [{ own: true }],
    ],
    ['dates made into strings', 'return [{ d: new Date(0) }];', [{ d: '1970-01-01T00:00:00.000Z' }]],
  ])('returns %s', async (_name, code, expected) => {
    expect((await run(code))[0]).toEqual(expected);
  });

  it.each([
    ['nothing', 'return;', 'No data got returned. Always return an Array of items!'],
    ['a number', 'return 5;', 'Always an Array of items has to be returned!'],
    ['mixed items', 'return [{ json: {} }, { a: 1 }];', 'Inconsistent item format'],
    ['json that is not an object', 'return [{ json: 5 }];', 'The json-property has to be an object!'],
    ['a thrown error, with its line', '\nthrow new Error("broken");', 'broken [Line 2]'],
    [
      'static data BudFlow does not keep',
      "getWorkflowStaticData('global');\nreturn items;",
      'getWorkflowStaticData() is not available in BudFlow',
    ],
  ])('fails on %s', async (_name, code, message) => {
    expect((await flowError({ type: 'function', parameters: { functionCode: code } })).message).toContain(
      message,
    );
  });

  it('reports the error without the line in one item when it continues', async () => {
    const result = await run('throw new Error("broken");', { continueOnFail: true });
    expect(result[0]).toEqual([{ error: 'broken' }]);
  });

  it('does not change the items other nodes produced', async () => {
    const input = jsonItems({ a: 1 });
    const result = await runFlowStep({
      type: 'function',
      parameters: { functionCode: 'items[0].json.a = 9; return items;' },
      inputs: [input],
    });
    expect(result.ok && result.outputs[0]![0]!.json).toEqual({ a: 9 });
    expect(input[0]!.json).toEqual({ a: 1 });
  });

  //  Trigger ──► Data ──► Use
  it("reads other nodes' data through $node", async () => {
    const run = await runFlow({
      nodes: [
        { name: 'Trigger', type: 'manualTrigger' },
        { name: 'Data', type: 'function', parameters: { functionCode: 'return [{ v: 41 }];' } },
        {
          name: 'Use',
          type: 'function',
          parameters: { functionCode: 'return [{ v: $node["Data"].json.v + 1 }];' },
        },
      ],
      connections: [
        { from: 'Trigger', to: 'Data' },
        { from: 'Data', to: 'Use' },
      ],
    });
    expect(run.json('Use')).toEqual([{ v: 42 }]);
  });
});

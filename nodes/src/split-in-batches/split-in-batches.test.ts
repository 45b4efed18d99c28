import { describe, expect, it } from 'vitest';
import type { Item, JsonObject, StepResult } from '@budflow/runtime';
import { runFlow, runFlowStep } from '../shared/flow-run.test-support.js';
import { comparable, loadFixture, runN8nWorkflow } from '../test-support/run-workflow.test-support.js';
import { splitInBatches } from './split-in-batches.js';

const numbers = (count: number): Item[] => Array.from({ length: count }, (_, n) => ({ json: { n } }));

/** Runs the node once per input list, carrying its node context from run to run as the engine does. */
async function runs(typeVersion: number, parameters: JsonObject, inputs: Item[][]): Promise<StepResult[]> {
  const results: StepResult[] = [];
  let nodeContext: JsonObject = {};
  for (const [runIndex, items] of inputs.entries()) {
    const result = await runFlowStep({
      type: 'splitInBatches',
      typeVersion,
      parameters,
      inputs: [items],
      nodeContext,
      runIndex,
    });
    if (!result.ok) throw new Error(result.error.message);
    nodeContext = result.nodeContext ?? {};
    results.push(result);
  }
  return results;
}

const json = (result: StepResult | undefined, output: number) =>
  result?.ok ? result.outputs[output]!.map((item) => item.json) : undefined;

describe('Loop Over Items conformance with n8n', () => {
  it.each(['SplitInBatches/test/SplitInBatches.combineData.json', 'Transform/Sort/test/code.sort.json'])(
    '%s',
    async (file) => {
      const fixture = loadFixture(file);
      const run = await runN8nWorkflow(fixture);
      expect(run.state.status).toBe('success');
      for (const [node, expected] of Object.entries(fixture.pinData as Record<string, unknown[]>)) {
        expect({ node, output: comparable(run.json(node)) }).toEqual({ node, output: comparable(expected) });
      }
    },
  );
});

describe('Loop Over Items runs', () => {
  it('may sit on a cycle, and has one output in v1 and two from v2', () => {
    expect(splitInBatches.loopCapable).toBe(true);
    expect([1, 2, 3].map((v) => splitInBatches.outputs({}, v))).toEqual([1, 2, 2]);
  });

  it('v3 hands out batches on output 1, then every item that came back on output 0', async () => {
    const [first, second, third, done] = await runs(3, { batchSize: 2 }, [
      numbers(5),
      [{ json: { back: 0 } }, { json: { back: 1 } }],
      [{ json: { back: 2 } }, { json: { back: 3 } }],
      [{ json: { back: 4 } }],
    ]);
    expect(json(first, 1)).toEqual([{ n: 0 }, { n: 1 }]);
    expect(json(second, 1)).toEqual([{ n: 2 }, { n: 3 }]);
    expect(json(third, 1)).toEqual([{ n: 4 }]);
    expect(json(third, 0)).toEqual([]);
    expect(json(done, 1)).toEqual([]);
    expect(json(done, 0)).toEqual([0, 1, 2, 3, 4].map((back) => ({ back })));
  });

  it('v2 swaps the outputs: loop first, done second', async () => {
    const [first, done] = await runs(2, { batchSize: 10 }, [numbers(2), numbers(2)]);
    expect(json(first, 0)).toEqual([{ n: 0 }, { n: 1 }]);
    expect(json(done, 1)).toEqual([{ n: 0 }, { n: 1 }]);
    expect(json(done, 0)).toEqual([]);
  });

  it('v1 outputs nothing once every item was handed out', async () => {
    const results = await runs(1, { batchSize: 1 }, [numbers(2), [], []]);
    expect(results.map((r) => json(r, 0))).toEqual([[{ n: 0 }], [{ n: 1 }], []]);
  });

  it('keeps the counters workflows read through the node context', async () => {
    const [first, last] = await runs(3, { batchSize: 2 }, [numbers(3), []]);
    expect(first?.ok && first.nodeContext).toMatchObject({
      currentRunIndex: 0,
      maxRunIndex: 2,
      noItemsLeft: false,
      done: false,
    });
    expect(last?.ok && last.nodeContext).toMatchObject({
      currentRunIndex: 1,
      noItemsLeft: true,
      done: false,
    });
  });

  it('starts over with the new input when options.reset is on', async () => {
    const [, again] = await runs(3, { batchSize: 1, options: { reset: true } }, [
      numbers(3),
      [{ json: { n: 9 } }],
    ]);
    expect(json(again, 1)).toEqual([{ n: 9 }]);
  });

  it('pairs the first batch with its input, and later batches with nothing (no sourceOverwrite yet)', async () => {
    const [first, second] = await runs(3, { batchSize: 1 }, [numbers(2), [{ json: {} }]]);
    expect(first?.ok && first.outputs[1]![0]!.pairedItem).toEqual({ item: 0 });
    expect(second?.ok && second.outputs[1]![0]!.pairedItem).toEqual([]);
  });
});

//  Trigger ──► Loop ──done──► Done
//               ▲  └─loop──► Tag ─┐
//               └─────────────────┘
describe('Loop Over Items in a workflow', () => {
  it('loops through the body once per batch and ends on the done output', async () => {
    const run = await runFlow(
      {
        nodes: [
          { name: 'Trigger', type: 'manualTrigger', position: [0, 0] },
          {
            name: 'Loop',
            type: 'splitInBatches',
            typeVersion: 3,
            parameters: { batchSize: 2 },
            position: [200, 0],
          },
          { name: 'Done', type: 'noOp', position: [400, -100] },
          {
            name: 'Tag',
            type: 'set',
            typeVersion: 3.4,
            parameters: {
              includeOtherFields: true,
              assignments: { assignments: [{ name: 'run', type: 'number', value: '={{ $runIndex }}' }] },
            },
            position: [400, 100],
          },
        ],
        connections: [
          { from: 'Trigger', to: 'Loop' },
          { from: 'Loop', output: 0, to: 'Done' },
          { from: 'Loop', output: 1, to: 'Tag' },
          { from: 'Tag', to: 'Loop' },
        ],
      },
      numbers(5),
    );
    expect(run.state.status).toBe('success');
    expect(run.runs('Loop')).toBe(4);
    expect(run.runs('Done')).toBe(1);
    expect(run.json('Done')).toEqual([0, 0, 1, 1, 2].map((r, n) => ({ n, run: r })));
  });
});

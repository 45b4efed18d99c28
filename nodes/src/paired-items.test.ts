import { describe, expect, it } from 'vitest';
import { createExecution, driveExecution, InProcessStepRunner } from '@budflow/runtime';
import type { Connection, NodeSpec, WorkflowSpec } from '@budflow/runtime';
import { createNodeRegistry } from './registry.js';

// Paired items through the real engine and real nodes: an item that went through Set, IF and Merge still
// finds the trigger item it came from with $('Start').item, as in n8n.
const registry = createNodeRegistry();

const assign = (name: string, value: string, type = 'string') => ({ id: name, name, type, value });
const setNode = (name: string, assignments: unknown[]): NodeSpec => ({
  name,
  type: 'set',
  typeVersion: 3.4,
  parameters: { assignments: { assignments }, includeOtherFields: true },
});

async function run(
  nodes: NodeSpec[],
  connections: Array<Partial<Connection> & Pick<Connection, 'from' | 'to'>>,
  items: number[],
) {
  const spec: WorkflowSpec = {
    nodes,
    connections: connections.map((c) => ({ output: 0, input: 0, ...c })),
    settings: { executionOrder: 'v1' },
  };
  const state = createExecution({ executionId: 'paired', workflowName: 'paired', spec, registry });
  const final = await driveExecution(
    state,
    { triggerItems: items.map((n) => ({ json: { n, origin: `trigger-${n}` } })) },
    {
      runner: new InProcessStepRunner({ registry }),
      clock: { now: () => 0 },
      timers: { set: (_at, fn) => setTimeout(fn, 0), clear: (h) => clearTimeout(h as NodeJS.Timeout) },
    },
  );
  if (final.status !== 'success')
    throw new Error(`${final.error?.node}: ${final.error?.message} ${final.error?.description ?? ''}`);
  return (node: string, output = 0) => final.runData[node]!.at(-1)!.data!.main[output]!.map((i) => i.json);
}

describe('paired items through Set, IF and Merge', () => {
  //  Start ──► Tag (Set) ──► Big? (IF) ─true──► Merge (input 0) ──► Trace (Set: $('Start').item)
  //                               └─false──► Merge (input 1)
  it("resolves $('Start').item after the items were split and merged again", async () => {
    const out = await run(
      [
        { name: 'Start', type: 'manualTrigger', typeVersion: 1, parameters: {} },
        setNode('Tag', [assign('tag', '=t{{ $json.n }}')]),
        {
          name: 'Big?',
          type: 'if',
          typeVersion: 2.2,
          parameters: {
            conditions: {
              options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
              conditions: [
                {
                  id: 'c',
                  leftValue: '={{ $json.n }}',
                  rightValue: 2,
                  operator: { type: 'number', operation: 'gt' },
                },
              ],
              combinator: 'and',
            },
          },
        },
        { name: 'Merge', type: 'merge', typeVersion: 3, parameters: {} },
        setNode('Trace', [
          assign('from', "={{ $('Start').item.json.origin }}"),
          assign('viaTag', "={{ $('Tag').item.json.tag }}"),
        ]),
      ],
      [
        { from: 'Start', to: 'Tag' },
        { from: 'Tag', to: 'Big?' },
        { from: 'Big?', output: 0, to: 'Merge', input: 0 },
        { from: 'Big?', output: 1, to: 'Merge', input: 1 },
        { from: 'Merge', to: 'Trace' },
      ],
      [1, 2, 3, 4],
    );
    expect(out('Trace').map((j) => `${j.n}:${j.from}:${j.viaTag}`)).toEqual([
      '3:trigger-3:t3',
      '4:trigger-4:t4',
      '1:trigger-1:t1',
      '2:trigger-2:t2',
    ]);
  });

  it("fails with n8n's message when a node breaks the pairing", async () => {
    await expect(
      run(
        [
          { name: 'Start', type: 'manualTrigger', typeVersion: 1, parameters: {} },
          {
            name: 'Fresh',
            type: 'code',
            typeVersion: 2,
            parameters: { jsCode: 'return [{ json: { a: 1 } }, { json: { a: 2 } }, { json: { a: 3 } }];' },
          },
          setNode('Trace', [assign('from', "={{ $('Start').item.json.origin }}")]),
        ],
        [
          { from: 'Start', to: 'Fresh' },
          { from: 'Fresh', to: 'Trace' },
        ],
        [1, 2],
      ),
    ).rejects.toThrow(
      /Trace: Can't get data for expression.*Paired item data for item from node 'Fresh' is unavailable/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { runN8nWorkflow } from './test-support/run-workflow.test-support.js';

const node = (
  name: string,
  type: string,
  typeVersion: number,
  parameters: Record<string, unknown>,
  position: [number, number],
) => ({
  name,
  type: `n8n-nodes-base.${type}`,
  typeVersion,
  parameters,
  position,
});
const to = (node: string, index = 0) => ({ node, type: 'main', index });

//                    ┌─true──► Adults ──┐
//  Trigger ──► Data ─┤ IF               ├──► Merge (append) ──► Greet
//                    └─false─► Minors ──┘
describe('nodes in a workflow', () => {
  it('routes through If and joins the branches in Merge, keeping the way back to each item', async () => {
    const workflow = {
      nodes: [
        node('Trigger', 'manualTrigger', 1, {}, [0, 0]),
        node(
          'Data',
          'code',
          2,
          { jsCode: "return [{ name: 'Ann', age: 40 }, { name: 'Bo', age: 9 }];" },
          [200, 0],
        ),
        node(
          'IF',
          'if',
          2.2,
          {
            conditions: {
              options: {},
              conditions: [
                {
                  leftValue: '={{ $json.age }}',
                  rightValue: 18,
                  operator: { type: 'number', operation: 'gte' },
                },
              ],
              combinator: 'and',
            },
          },
          [400, 0],
        ),
        node(
          'Adults',
          'set',
          3.4,
          {
            assignments: { assignments: [{ name: 'group', type: 'string', value: 'adult' }] },
            includeOtherFields: true,
          },
          [600, -100],
        ),
        node(
          'Minors',
          'set',
          3.4,
          {
            assignments: { assignments: [{ name: 'group', type: 'string', value: 'minor' }] },
            includeOtherFields: true,
          },
          [600, 100],
        ),
        node('Merge', 'merge', 3.2, {}, [800, 0]),
        node(
          'Greet',
          'set',
          3.4,
          {
            assignments: {
              assignments: [
                { name: 'hello', type: 'string', value: "={{ 'Hi ' + $('Data').item.json.name }}" },
              ],
            },
          },
          [1000, 0],
        ),
      ],
      connections: {
        Trigger: { main: [[to('Data')]] },
        Data: { main: [[to('IF')]] },
        IF: { main: [[to('Adults')], [to('Minors')]] },
        Adults: { main: [[to('Merge', 0)]] },
        Minors: { main: [[to('Merge', 1)]] },
        Merge: { main: [[to('Greet')]] },
      },
      settings: { executionOrder: 'v1' },
    };
    const run = await runN8nWorkflow(workflow);
    expect(run.state.status).toBe('success');
    expect(run.json('Merge')).toEqual([
      { name: 'Ann', age: 40, group: 'adult' },
      { name: 'Bo', age: 9, group: 'minor' },
    ]);
    expect(run.json('Greet')).toEqual([{ hello: 'Hi Ann' }, { hello: 'Hi Bo' }]);
    expect(run.runs('Merge')).toBe(1);
  });
});

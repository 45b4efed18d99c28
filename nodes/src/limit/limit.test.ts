import { describe, expect, it } from 'vitest';
import { jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { comparable, loadFixture, runN8nWorkflow } from '../test-support/run-workflow.test-support.js';

it('conforms to n8n: Transform/Limit/test/workflow.limit.json', async () => {
  const fixture = loadFixture('Transform/Limit/test/workflow.limit.json');
  const run = await runN8nWorkflow(fixture);
  expect(run.state.status).toBe('success');
  for (const [node, expected] of Object.entries(fixture.pinData as Record<string, unknown[]>)) {
    expect({ node, output: comparable(run.json(node)) }).toEqual({ node, output: comparable(expected) });
  }
});

const five = jsonItems({ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }, { n: 5 });

describe('Limit', () => {
  it.each([
    ['the first item by default', {}, [1]],
    ['the first items', { maxItems: 2 }, [1, 2]],
    ['the last items', { maxItems: 2, keep: 'lastItems' }, [4, 5]],
    ['all items when there are fewer', { maxItems: 9, keep: 'lastItems' }, [1, 2, 3, 4, 5]],
  ])('keeps %s', async (_name, parameters, expected) => {
    const [kept] = await outputsOf({ type: 'limit', parameters, inputs: [five] });
    expect(kept!.map((json) => json.n)).toEqual(expected);
  });

  it('pairs kept items with their input position', async () => {
    const result = await runStep({ type: 'limit', parameters: { keep: 'lastItems' }, inputs: [five] });
    expect(result.ok && result.outputs[0]).toEqual([{ json: { n: 5 }, pairedItem: { item: 4 } }]);
  });
});

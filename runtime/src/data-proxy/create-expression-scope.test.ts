import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { NodeType, NodeTypeRegistry } from '../node-type.js';
import type { Item, JsonObject } from '../spec/items.js';
import type { StepJob } from '../engine/step-job.js';
import type { RunData } from '../engine/run-data.js';
import { executeStep } from '../step/execute-step.js';

/** A node that evaluates its `value` parameter for every input item. */
const probe: NodeType = {
  type: 'probe',
  n8nType: 'test.probe',
  displayName: 'Probe',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => z.looseObject({ value: z.unknown() }) as unknown as z.ZodType<JsonObject>,
  execute: (ctx, inputs) => [(inputs[0] ?? []).map((_, i) => ({ json: { result: ctx.getParameter('value', i) as unknown } }))],
};
const registry: NodeTypeRegistry = { get: (t) => (t === 'probe' ? probe : undefined), byN8nType: () => undefined, list: () => [probe] };

//  Trigger ──► Orders (3 items) ──► Filter (keeps items 0 and 2) ──► Probe
const orders: Item[] = [
  { json: { id: 1, total: 10 }, pairedItem: { item: 0 } },
  { json: { id: 2, total: 20 }, pairedItem: { item: 0 } },
  { json: { id: 3, total: 30 }, pairedItem: { item: 0 } },
];
const filtered: Item[] = [
  { json: { id: 1, keep: true }, pairedItem: { item: 0 } },
  { json: { id: 3, keep: true }, pairedItem: { item: 2 } },
];
const runData: RunData = {
  Trigger: [{ startTime: 0, executionTime: 0, executionStatus: 'success', source: [null], data: { main: [[{ json: { started: true } }]] } }],
  Orders: [{ startTime: 0, executionTime: 0, executionStatus: 'success', source: [{ previousNode: 'Trigger', previousNodeOutput: 0, previousNodeRun: 0 }], data: { main: [orders] } }],
  Filter: [{ startTime: 0, executionTime: 0, executionStatus: 'success', source: [{ previousNode: 'Orders', previousNodeOutput: 0, previousNodeRun: 0 }], data: { main: [filtered, [orders[1]!]] } }],
};

function job(value: unknown, extra: Partial<StepJob> = {}): StepJob {
  return {
    stepId: 's',
    executionId: 'ex-42',
    workflow: { name: 'orders', active: false },
    node: { name: 'Probe', type: 'probe', typeVersion: 1, parameters: { value } },
    runIndex: 0,
    attempt: 1,
    inputs: [filtered],
    source: [{ previousNode: 'Filter', previousNodeOutput: 0, previousNodeRun: 0 }],
    runData,
    nodeContext: {},
    mode: 'manual',
    timezone: 'Europe/Berlin',
    vars: { region: 'eu' },
    env: { STAGE: 'test' },
    now: Date.UTC(2026, 0, 15, 10, 30),
    isContinueOnFail: false,
    ...extra,
  };
}

async function evaluate(value: unknown, extra: Partial<StepJob> = {}): Promise<unknown[]> {
  const result = await executeStep(job(value, extra), { registry });
  if (!result.ok) throw new Error(`${result.error.message}${result.error.description ? `: ${result.error.description}` : ''}`);
  return result.outputs[0]!.map((i) => i.json.result);
}

describe('expression variables', () => {
  it.each([
    ['$json', '={{ $json.id }}', [1, 3]],
    ['$input.item', '={{ $input.item.json.id * 10 }}', [10, 30]],
    ['$input.all', '={{ $input.all().length }}', [2, 2]],
    ['$input.first / last', '={{ $input.first().json.id + "-" + $input.last().json.id }}', ['1-3', '1-3']],
    ["$('Node').item follows paired items back", "={{ $('Orders').item.json.total }}", [10, 30]],
    ["$('Node').item two hops back", "={{ $('Trigger').item.json.started }}", [true, true]],
    ["$('Node').all", "={{ $('Orders').all().map(i => i.json.id).join(',') }}", ['1,2,3', '1,2,3']],
    ["$('Node').first / last", "={{ $('Orders').first().json.id + $('Orders').last().json.id }}", [4, 4]],
    ["$('Node').all(branch) reads another output", "={{ $('Filter').all(1)[0].json.id }}", [2, 2]],
    ["$('Node').itemMatching", "={{ $('Orders').itemMatching(1).json.total }}", [30, 30]],
    ["$('Node').isExecuted", "={{ $('Orders').isExecuted }}", [true, true]],
    ['$node legacy', '={{ $node["Orders"].json.id }}', [1, 2]],
    ['$items legacy', '={{ $items("Orders").length }}', [3, 3]],
    ['$prevNode', '={{ $prevNode.name + ":" + $prevNode.outputIndex }}', ['Filter:0', 'Filter:0']],
    ['$runIndex and $itemIndex', '={{ $runIndex + "/" + $itemIndex }}', ['0/0', '0/1']],
    ['$workflow', '={{ $workflow.name }}', ['orders', 'orders']],
    ['$execution', '={{ $execution.id + " " + $execution.mode }}', ['ex-42 test', 'ex-42 test']],
    ['$vars', '={{ $vars.region }}', ['eu', 'eu']],
    ['$env (allow-listed)', '={{ $env.STAGE }}', ['test', 'test']],
    ['$env hides the rest', '={{ $env.HOME }}', [undefined, undefined]],
    ['$now in the workflow time zone', "={{ $now.toFormat('HH:mm ZZZZ') }}", ['11:30 GMT+1', '11:30 GMT+1']],
    ['$today', "={{ $today.toISODate() }}", ['2026-01-15', '2026-01-15']],
    ['$parameter', '={{ $parameter.value.length > 0 }}', [true, true]],
    ['$if', '={{ $if($json.id > 2, "big", "small") }}', ['small', 'big']],
    ['$ifEmpty', '={{ $ifEmpty($json.missing, "fallback") }}', ['fallback', 'fallback']],
    ['$jmespath', '={{ $jmespath($input.all(), "[].json.id") }}', [[1, 3], [1, 3]]],
    ['extension methods', "={{ [$json.id, 5].sum() + ' ' + 'a@b.co hi'.extractEmail() }}", ['6 a@b.co', '8 a@b.co']],
    ['template text', '=Order {{ $json.id }} of {{ $input.all().length }}', ['Order 1 of 2', 'Order 3 of 2']],
    ['nested parameters', { deep: ['={{ $json.id }}', 'plain'] }, [{ deep: [1, 'plain'] }, { deep: [3, 'plain'] }]],
  ])('%s', async (_name, value, expected) => {
    expect(await evaluate(value)).toEqual(expected);
  });

  it('production executions report mode production', async () => {
    expect(await evaluate('={{ $execution.mode }}', { mode: 'production' })).toEqual(['production', 'production']);
  });
});

describe('paired item errors, as n8n words them', () => {
  it('fails clearly when paired item data is missing', async () => {
    const broken: RunData = { ...runData, Filter: [{ ...runData.Filter![0]!, data: { main: [[{ json: { id: 1 } }]] } }] };
    const result = await executeStep(job("={{ $('Orders').item.json.id }}", { runData: broken, inputs: [[{ json: { id: 1 } }]] }), { registry });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ node: 'Probe', message: "Can't get data for expression", reason: 'expression' });
    expect(result.error.description).toMatch(/Paired item data for item from node 'Filter' is unavailable/);
  });

  it('fails clearly when several items match', async () => {
    const merged: Item = { json: { id: 9 }, pairedItem: [{ item: 0 }, { item: 1 }] };
    const multi: RunData = { ...runData, Filter: [{ ...runData.Filter![0]!, data: { main: [[merged]] } }] };
    const result = await executeStep(job("={{ $('Orders').item.json.id }}", { runData: multi, inputs: [[merged]] }), { registry });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('Multiple matching items for expression');
  });

  it('fails clearly for a node that did not run before this one', async () => {
    await expect(evaluate("={{ $('Nowhere').item.json.id }}")).rejects.toThrow(/Referenced node is unexecuted.*'Nowhere'/);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '@budflow/runtime';
import { flowError, flowOutputs, runFlow, runFlowStep } from '../shared/flow-run.test-support.js';
import { jsonItems } from '../test-support/run-step.test-support.js';
import { comparable, loadFixture } from '../test-support/run-workflow.test-support.js';

const n8nNode = (name: string, type: string, parameters: JsonObject = {}, typeVersion = 1) => ({
  name,
  type: `n8n-nodes-base.${type}`,
  typeVersion,
  parameters,
  position: [0, 0],
});

//  When Executed ──► Double   (n8n export)
const doubling = {
  name: 'double',
  nodes: [
    n8nNode('When Executed', 'executeWorkflowTrigger'),
    n8nNode('Double', 'code', { jsCode: 'return $input.all().map((i) => ({ n: i.json.n * 2 }));' }, 2),
  ],
  connections: { 'When Executed': { main: [[{ node: 'Double', type: 'main', index: 0 }]] } },
};

const failing = {
  nodes: [
    n8nNode('Start', 'executeWorkflowTrigger'),
    n8nNode('Boom', 'stopAndError', { errorMessage: 'boom' }),
  ],
  connections: { Start: { main: [[{ node: 'Boom', type: 'main', index: 0 }]] } },
};

const call = (parameters: JsonObject, extra: object = {}) =>
  flowOutputs({
    type: 'executeWorkflow',
    typeVersion: 1.2,
    parameters: { source: 'parameter', ...parameters },
    inputs: [jsonItems({ n: 1 }, { n: 2 })],
    ...extra,
  });

describe('Execute Workflow conformance with n8n', () => {
  it('ExecuteWorkflow/test/node/workflow.parameter.json', async () => {
    const fixture = loadFixture('ExecuteWorkflow/test/node/workflow.parameter.json');
    const run = await runFlow(fixture);
    expect(run.state.status).toBe('success');
    const expected = (fixture.pinData as Record<string, unknown[]>)['Execute Workflow']!;
    expect(comparable(run.json('Execute Workflow'))).toEqual(comparable(expected));
  });
});

describe('Execute Workflow', () => {
  it('runs an n8n workflow JSON once with all items and outputs its last node', async () => {
    const result = await runFlowStep({
      type: 'executeWorkflow',
      parameters: { source: 'parameter', workflowJson: JSON.stringify(doubling) },
      inputs: [jsonItems({ n: 1 }, { n: 2 })],
    });
    expect(result.ok && result.outputs[0]).toEqual([
      { json: { n: 2 }, pairedItem: { item: 0 } },
      { json: { n: 4 }, pairedItem: { item: 1 } },
    ]);
  });

  it('runs it once per item in mode "each", pairing each result with its item', async () => {
    const result = await runFlowStep({
      type: 'executeWorkflow',
      parameters: { source: 'parameter', workflowJson: doubling, mode: 'each' },
      inputs: [jsonItems({ n: 1 }, { n: 2 })],
    });
    expect(result.ok && result.outputs[0]!.map((i) => [i.json, i.pairedItem])).toEqual([
      [{ n: 2 }, { item: 0 }],
      [{ n: 4 }, { item: 1 }],
    ]);
  });

  it('accepts a BudFlow workflow spec', async () => {
    const spec = {
      nodes: [
        { name: 'Start', type: 'executeWorkflowTrigger' },
        {
          name: 'Count',
          type: 'code',
          typeVersion: 2,
          parameters: { jsCode: 'return [{ count: $input.all().length }];' },
        },
      ],
      connections: [{ from: 'Start', to: 'Count' }],
    };
    expect((await call({ workflowJson: spec }))[0]).toEqual([{ count: 2 }]);
  });

  it('outputs its input without waiting for the sub-workflow when waitForSubWorkflow is off', async () => {
    const [items] = await call({ workflowJson: failing, options: { waitForSubWorkflow: false } });
    expect(items).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it("fails with the sub-workflow's error, or reports it in json.error when it continues", async () => {
    const error = await flowError({
      type: 'executeWorkflow',
      parameters: { source: 'parameter', workflowJson: failing },
    });
    expect(error).toMatchObject({
      message: 'boom',
      description: "in node 'Boom' of the sub-workflow 'test-workflow-Node'",
    });
    const each = await flowError({
      type: 'executeWorkflow',
      parameters: { source: 'parameter', workflowJson: failing, mode: 'each' },
    });
    expect(each).toMatchObject({
      message: 'Error executing workflow with item at index 0',
      description: 'boom',
    });
    expect((await call({ workflowJson: failing }, { continueOnFail: true }))[0]).toEqual([{ error: 'boom' }]);
  });

  it.each([
    [{ workflowJson: '{ not json' }, "The workflow JSON of 'Node' is not valid JSON"],
    [
      { workflowJson: { nodes: [n8nNode('X', 'unknownThing')], connections: {} } },
      "has unknown type 'unknownThing'",
    ],
    [
      { source: 'database', workflowId: '42' },
      "Execute Workflow's source 'database' is not supported in BudFlow",
    ],
    [
      { source: 'url', workflowUrl: 'https://example.com/w.json' },
      "source 'url' is not supported in BudFlow",
    ],
  ])('refuses %j', async (parameters, message) => {
    const error = await flowError({
      type: 'executeWorkflow',
      parameters: { source: 'parameter', ...parameters },
    });
    expect(error.message).toContain(message);
  });
});

describe('Execute Workflow from a local file', () => {
  let outside: string;
  beforeAll(async () => {
    outside = await mkdtemp(join(tmpdir(), 'budflow-subworkflow-'));
    await writeFile(join(outside, 'double.json'), JSON.stringify(doubling));
  });
  afterAll(() => rm(outside, { recursive: true, force: true }));

  it('refuses a file outside the working directory, by absolute or relative path', async () => {
    for (const path of [
      join(outside, 'double.json'),
      relative(process.cwd(), join(outside, 'double.json')),
    ]) {
      const error = await flowError({
        type: 'executeWorkflow',
        parameters: { source: 'localFile', workflowPath: path },
      });
      expect(error.message).toBe(`The file "${path}" is outside the working directory`);
    }
  });

  it("says when the file doesn't exist", async () => {
    const error = await flowError({
      type: 'executeWorkflow',
      parameters: { source: 'localFile', workflowPath: 'no-such-workflow.json' },
    });
    expect(error.message).toBe('The file "no-such-workflow.json" could not be found, [item 0]');
  });

  it('runs a workflow file under the working directory', async () => {
    const dir = await mkdtemp(join(process.cwd(), '.tmp-subworkflow-'));
    try {
      await writeFile(join(dir, 'double.json'), JSON.stringify(doubling));
      const [items] = await call({
        source: 'localFile',
        workflowPath: join(relative(process.cwd(), dir), 'double.json'),
      });
      expect(items).toEqual([{ n: 2 }, { n: 4 }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import type { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, loadKubeConfig, STACK_KEY, testPrefix } from '@budflow/stack';
import type { TestNamespace } from '@budflow/stack';
import { api, eventually, startOperator, startRunner } from './operator.test-support.js';
import type { Json } from './operator.test-support.js';

// The operator on the real apiserver and NATS JetStream, with a runner pool whose steps run in sandboxed
// child processes: Workflows become Valid, Executions run to Succeeded or Failed.
let kc: KubeConfig;
let ns: TestNamespace;
let k: ReturnType<typeof api>;
let operator: Awaited<ReturnType<typeof startOperator>>;
let runner: Awaited<ReturnType<typeof startRunner>>;

const assign = (name: string, value: string, type = 'string') => ({ id: name, name, type, value });
//  Start ──► Tag (Set) ──► Big? (IF) ─true──► Big (Set) ──► All (Merge input 0)
//                               └─false──► Small (Set) ──► All (Merge input 1)
const fiveNodes = {
  nodes: [
    { name: 'Start', type: 'manualTrigger', typeVersion: 1 },
    { name: 'Tag', type: 'set', typeVersion: 3.4, parameters: { assignments: { assignments: [assign('tagged', 'yes')] }, includeOtherFields: true } },
    {
      name: 'Big?',
      type: 'if',
      typeVersion: 2.2,
      parameters: {
        conditions: {
          options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
          conditions: [{ id: 'c', leftValue: '={{ $json.value }}', rightValue: 10, operator: { type: 'number', operation: 'gt' } }],
          combinator: 'and',
        },
      },
    },
    { name: 'Big', type: 'set', typeVersion: 3.4, parameters: { assignments: { assignments: [assign('size', 'big')] }, includeOtherFields: true } },
    { name: 'Small', type: 'set', typeVersion: 3.4, parameters: { assignments: { assignments: [assign('size', 'small')] }, includeOtherFields: true } },
    { name: 'All', type: 'merge', typeVersion: 3 },
  ],
  connections: [
    { from: 'Start', to: 'Tag' },
    { from: 'Tag', to: 'Big?' },
    { from: 'Big?', output: 0, to: 'Big' },
    { from: 'Big?', output: 1, to: 'Small' },
    { from: 'Big', to: 'All', input: 0 },
    { from: 'Small', to: 'All', input: 1 },
  ],
};

beforeAll(async () => {
  const stack = inject(STACK_KEY);
  kc = loadKubeConfig(stack.kubeconfigPath);
  ns = await createTestNamespace(kc, 'operator');
  k = api(kc, ns.name);
  const prefix = testPrefix('operator');
  operator = startOperator(kc, stack.natsUrl, prefix, ns.name);
  runner = await startRunner(stack.natsUrl, prefix);
});

afterAll(async () => {
  await operator?.stop();
  await runner?.stop();
  await ns?.delete();
});

const condition = (workflow: Json, type: string) => (workflow.status?.conditions ?? []).find((c: { type: string }) => c.type === type);
const finished = (name: string) =>
  eventually(async () => {
    const execution = await k.getExecution(name);
    return ['Succeeded', 'Failed', 'Cancelled'].includes(execution.status?.phase) ? execution : undefined;
  }, 60_000, `execution ${name} to finish`);

describe('the operator', () => {
  it('marks a valid Workflow Valid', async () => {
    await k.createWorkflow('five', fiveNodes);
    const workflow = await eventually(async () => {
      const w = await k.getWorkflow('five');
      return condition(w, 'Valid') ? w : undefined;
    }, 30_000, 'Valid condition');
    expect(condition(workflow, 'Valid')).toMatchObject({ status: 'True', reason: 'Validated' });
    expect(condition(workflow, 'Ready')).toMatchObject({ status: 'True' });
    expect(workflow.status.observedGeneration).toBe(workflow.metadata.generation);
  });

  it('marks an invalid Workflow Valid=False naming node and field, with a Warning Event', async () => {
    await k.createWorkflow('broken', { ...fiveNodes, nodes: fiveNodes.nodes.map((n) => (n.name === 'Tag' ? { ...n, type: 'sett' } : n)) });
    const workflow = await eventually(async () => {
      const w = await k.getWorkflow('broken');
      return condition(w, 'Valid') ? w : undefined;
    }, 30_000, 'Valid condition');
    expect(condition(workflow, 'Valid').status).toBe('False');
    expect(condition(workflow, 'Valid').message).toMatch(/spec\.nodes\[1\]\.type: .*node 'Tag': unknown node type 'sett' \(did you mean 'set'\?\)/);
    const events = await eventually(async () => {
      const list = (await k.events()).items.filter((e) => e.regarding?.name === 'broken' && e.type === 'Warning');
      return list.length > 0 ? list : undefined;
    }, 15_000, 'a Warning Event');
    expect(events[0]!.reason).toBe('InvalidSpec');
  });

  it('runs an Execution of Set → IF → two branches → Merge to Succeeded, with per-node item counts', async () => {
    await k.createExecution('five-run', 'five', [{ value: 5 }, { value: 50 }, { value: 500 }, { value: 1 }]);
    const execution = await finished('five-run');
    expect(execution.status.phase).toBe('Succeeded');
    expect(execution.status.nodes).toMatchObject({
      Start: { phase: 'Succeeded', runs: 1, itemsOut: 4 },
      Tag: { runs: 1, itemsIn: 4, itemsOut: 4 },
      'Big?': { runs: 1, itemsIn: 4, itemsOut: 4 },
      Big: { runs: 1, itemsIn: 2, itemsOut: 2 },
      Small: { runs: 1, itemsIn: 2, itemsOut: 2 },
      All: { runs: 1, itemsIn: 4, itemsOut: 4 },
    });
    expect(execution.metadata.finalizers).toEqual(['budflow.io/execution-data']);
    expect(Date.parse(execution.status.finishedAt)).toBeGreaterThanOrEqual(Date.parse(execution.status.startedAt));
  });

  it('ends Failed with the message of a Code node that throws', async () => {
    await k.createWorkflow('throws', {
      nodes: [
        { name: 'Start', type: 'manualTrigger', typeVersion: 1 },
        { name: 'Boom', type: 'code', typeVersion: 2, parameters: { jsCode: "throw new Error('the CRM said no');" } },
      ],
      connections: [{ from: 'Start', to: 'Boom' }],
    });
    await k.createExecution('throws-run', 'throws');
    const execution = await finished('throws-run');
    expect(execution.status.phase).toBe('Failed');
    expect(execution.status.error).toMatchObject({ node: 'Boom', message: expect.stringContaining('the CRM said no') });
  });

  it('fails an Execution whose Workflow does not exist, clearly', async () => {
    await k.createExecution('orphan-run', 'no-such-workflow');
    const execution = await finished('orphan-run');
    expect(execution.status.error.message).toBe(`workflow 'no-such-workflow' does not exist in namespace '${ns.name}'`);
  });
});

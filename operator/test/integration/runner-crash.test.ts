import type { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, loadKubeConfig, STACK_KEY, testPrefix } from '@budflow/stack';
import type { TestNamespace } from '@budflow/stack';
import { api, eventually, startBudflow, startOperator, startRunner } from './operator.test-support.js';

// A runner process (the real `budflow runner --nats`) is killed with SIGKILL in the middle of a step: the job
// is redelivered to another runner after its ack wait and the execution completes, the step counted once.
let kc: KubeConfig;
let ns: TestNamespace;
let k: ReturnType<typeof api>;
let natsUrl = '';
let prefix = '';
let operator: ReturnType<typeof startOperator>;
let second: Awaited<ReturnType<typeof startRunner>> | undefined;

beforeAll(async () => {
  const stack = inject(STACK_KEY);
  natsUrl = stack.natsUrl;
  kc = loadKubeConfig(stack.kubeconfigPath);
  ns = await createTestNamespace(kc, 'runner-crash');
  k = api(kc, ns.name);
  prefix = testPrefix('runner-crash');
  operator = startOperator(kc, natsUrl, prefix, ns.name);
});

afterAll(async () => {
  await operator?.stop();
  await second?.stop();
  await ns?.delete();
});

describe('a runner that dies mid-step', () => {
  it('gets its step redelivered to another runner; the execution completes', async () => {
    const first = startBudflow(['runner', '--nats', natsUrl, '--prefix', prefix, '--concurrency', '1', '--ack-wait', '2s', '--metrics-port', '0'], {});
    await k.createWorkflow('slow', {
      nodes: [
        { name: 'Start', type: 'manualTrigger', typeVersion: 1 },
        { name: 'Slow', type: 'code', typeVersion: 2, parameters: { jsCode: 'const end = Date.now() + 3000; while (Date.now() < end) {} return [{ json: { done: true } }];' } },
      ],
      connections: [{ from: 'Start', to: 'Slow' }],
    });
    await k.createExecution('slow-run', 'slow');
    // Wait until the first runner has taken the Slow step, then kill it in the middle of it.
    await eventually(async () => (first.output().includes('runner: pool') ? true : undefined), 20_000, 'the first runner to start');
    await new Promise((r) => setTimeout(r, 2500));
    await first.kill('SIGKILL');
    const before = await k.getExecution('slow-run');
    expect(before.status?.phase ?? 'Running').not.toBe('Succeeded');

    second = await startRunner(natsUrl, prefix);
    const execution = await eventually(async () => {
      const e = await k.getExecution('slow-run');
      return e.status?.phase === 'Succeeded' || e.status?.phase === 'Failed' ? e : undefined;
    }, 60_000, 'the execution to finish');
    expect(execution.status.phase).toBe('Succeeded');
    expect(execution.status.nodes.Slow).toMatchObject({ phase: 'Succeeded', runs: 1, itemsOut: 1 });
  }, 90_000);
});

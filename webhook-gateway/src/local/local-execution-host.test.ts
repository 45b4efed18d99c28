import { describe, expect, it } from 'vitest';
import { InProcessStepRunner, MemoryDataStore } from '@budflow/runtime';
import type { StepJob, StepResult, StepRunner, Workflow } from '@budflow/runtime';
import { registry, webhookWorkflow } from '../gateway.test-support.js';
import type { WebhookTrigger } from '../ports.js';
import { LocalExecutionHost } from './local-execution-host.js';

// The engine's behaviour is tested in runtime/; these tests run steps in process for speed. The sandboxed pool
// is exercised by serve-directory.test.ts.
const inProcess = new InProcessStepRunner({ registry, now: Date.now });

const workflow = webhookWorkflow(
  'greet',
  { path: 'g', responseMode: 'responseNode' },
  {
    more: [
      {
        name: 'Set',
        type: 'set',
        typeVersion: 3.4,
        parameters: {
          assignments: {
            assignments: [{ id: 'a', name: 'hi', type: 'string', value: '=hi {{ $json.body.name }}' }],
          },
        },
      },
      {
        name: 'Respond',
        type: 'respondToWebhook',
        typeVersion: 1.1,
        parameters: { respondWith: 'firstIncomingItem' },
      },
      { name: 'After', type: 'noOp', typeVersion: 1, parameters: {} },
    ],
  },
);

function host(
  runner: StepRunner = inProcess,
  workflows: Workflow[] = [workflow],
  extra: { maxInFlight?: number } = {},
) {
  return new LocalExecutionHost({
    workflow: (_namespace, name) => workflows.find((w) => w.metadata.name === name),
    registry,
    runner,
    store: new MemoryDataStore(),
    clock: { now: Date.now },
    ...extra,
  });
}

let n = 0;
const trigger = (extra: Partial<WebhookTrigger> = {}): WebhookTrigger => {
  const id = `e-${++n}`;
  return {
    deliveryId: id,
    executionId: id,
    keyed: false,
    namespace: 'default',
    workflow: 'greet',
    node: 'Webhook',
    mode: 'production',
    items: [{ json: { body: { name: 'Ada' } } }],
    binaryRefs: [],
    responseMode: 'responseNode',
    receivedAt: Date.now(),
    ...extra,
  };
};

describe('LocalExecutionHost', () => {
  it('runs the workflow from the webhook node with the trigger item; the Respond node answers, then the end', async () => {
    const h = host();
    const t = trigger();
    const response = h.expect(t.executionId, 'responseNode');
    const end = h.expect(t.executionId, 'lastNode');
    expect(await h.submit(t)).toEqual({ executionId: t.executionId, duplicate: false });
    expect(await response.outcome).toEqual({
      type: 'responded',
      response: { statusCode: 200, headers: {}, body: { type: 'json', value: { hi: 'hi Ada' } } },
    });
    expect(await end.outcome).toMatchObject({
      type: 'finished',
      status: 'success',
      lastNode: 'After',
      items: [{ json: { hi: 'hi Ada' } }],
    });
  });

  it('starts a keyed delivery once and gives a late waiter the stored outcome', async () => {
    const h = host();
    const t = trigger({ keyed: true, deliveryId: 'idem-x' });
    const first = h.expect(t.executionId, 'lastNode');
    await h.submit(t);
    const outcome = await first.outcome;
    expect(await h.submit({ ...t })).toEqual({ executionId: t.executionId, duplicate: true });
    expect(await h.expect(t.executionId, 'lastNode').outcome).toBe(outcome);
  });

  it('reports itself unhealthy and refuses triggers at the in-flight limit', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: StepRunner = {
      run: async (job: StepJob, signal: AbortSignal): Promise<StepResult> => (
        await gate,
        inProcess.run(job, signal)
      ),
    };
    const h = host(slow, [workflow], { maxInFlight: 1 });
    const t = trigger();
    const end = h.expect(t.executionId, 'lastNode');
    await h.submit(t);
    expect(h.healthy()).toBe(false);
    await expect(h.submit(trigger())).rejects.toMatchObject({ code: 'BF_ERR_WEBHOOK_OVERLOADED' });
    release();
    await end.outcome;
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.healthy()).toBe(true);
  });

  it('reports a failed execution with its error, and forgets unkeyed executions once answered', async () => {
    const failing = webhookWorkflow(
      'greet',
      { path: 'g' },
      {
        more: [{ name: 'Boom', type: 'stopAndError', typeVersion: 1, parameters: { errorMessage: 'nope' } }],
      },
    );
    const h = host(inProcess, [failing]);
    const t = trigger();
    const end = h.expect(t.executionId, 'responseNode');
    await h.submit(t);
    expect(await end.outcome).toMatchObject({
      type: 'finished',
      status: 'error',
      lastNode: 'Boom',
      error: 'nope',
    });
    await h.close();
    expect(h.inFlightCount).toBe(0);
  });
});

describe('LocalExecutionHost.close', () => {
  it('cancels executions still running after the grace period', async () => {
    const waiting = webhookWorkflow(
      'greet',
      { path: 'g' },
      {
        more: [
          {
            name: 'Wait',
            type: 'wait',
            typeVersion: 1.1,
            parameters: { resume: 'timeInterval', amount: 1, unit: 'hours' },
          },
        ],
      },
    );
    const h = host(inProcess, [waiting]);
    const t = trigger();
    const end = h.expect(t.executionId, 'lastNode');
    await h.submit(t);
    await h.close(50);
    expect(await end.outcome).toMatchObject({ type: 'finished', status: 'canceled' });
  });
});

import { describe, expect, it } from 'vitest';
import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import { MemoryDataStore } from '@budflow/runtime';
import type { Execution, ExecutionState } from '@budflow/runtime';
import { AlreadyExistsError } from '../kube/index.js';
import type { KubeJsonClient, KubeRequest } from '../kube/index.js';
import { createLogger } from '../observability/logger.js';
import { WebhookExecutions, webhookExecution, webhookExecutionName } from './webhook-executions.js';
import type { WebhookTriggerMessage } from '@budflow/runner';

const trigger: WebhookTriggerMessage = {
  deliveryId: `idem-${'a'.repeat(64)}`,
  executionId: '0f1e2d3c-4b5a-8978-8a6b-5c4d3e2f1a0b',
  keyed: true,
  namespace: 'shop',
  workflow: 'orders',
  node: 'Webhook',
  mode: 'production',
  items: [{ json: { body: { n: 1 } } }],
  binaryRefs: [],
  responseMode: 'lastNode',
  receivedAt: 0,
};

function harness(create: (request: KubeRequest) => unknown = () => ({})) {
  const requests: KubeRequest[] = [];
  const published: Array<{ subject: string; data: unknown }> = [];
  const kept: string[] = [];
  const client = {
    request: async (request: KubeRequest) => (requests.push(request), create(request)),
  } as unknown as KubeJsonClient;
  const nc = {
    publish: (subject: string, data: string) => published.push({ subject, data: JSON.parse(data) }),
  } as unknown as NatsConnection;
  const js = { publish: async (subject: string) => void kept.push(subject) } as unknown as JetStreamClient;
  const webhooks = new WebhookExecutions({
    nc,
    js,
    prefix: 'bf',
    store: new MemoryDataStore(),
    client,
    logger: createLogger('silent'),
  });
  return { webhooks, requests, published, kept };
}

const state = (over: Partial<ExecutionState>): ExecutionState =>
  ({ status: 'running', nodeContext: {}, runData: {}, ...over }) as ExecutionState;

describe('webhook executions', () => {
  it('names the Execution after the delivery, so a redelivery names the same one', () => {
    expect(webhookExecutionName(trigger.executionId)).toBe(`wh-${trigger.executionId}`);
    expect(webhookExecution(trigger)).toMatchObject({
      metadata: {
        name: `wh-${trigger.executionId}`,
        namespace: 'shop',
        labels: { 'budflow.io/trigger-type': 'webhook' },
        finalizers: ['budflow.io/execution-data'],
      },
      spec: {
        workflowRef: { name: 'orders' },
        mode: 'production',
        trigger: { type: 'webhook', node: 'Webhook', items: trigger.items },
      },
    });
  });

  it('leaves items that travelled by reference in the data store (spec.trigger.dataRef), not in etcd', () => {
    const big = { ...trigger, items: [], itemsRef: `triggers/${trigger.executionId}/items` };
    const execution = webhookExecution(big);
    expect(execution.spec.trigger).toEqual({ type: 'webhook', node: 'Webhook', dataRef: big.itemsRef });
  });

  it("keeps a webhook's Execution only as long as its TTL says", () => {
    expect(webhookExecution(trigger, 600).spec.ttlSecondsAfterFinished).toBe(600);
    expect(webhookExecution(trigger).spec).not.toHaveProperty('ttlSecondsAfterFinished');
  });

  it('treats an Execution that exists already as created', async () => {
    const { webhooks, requests } = harness(() => {
      throw new AlreadyExistsError('exists', { cause: undefined });
    });
    await webhooks.createExecution(trigger);
    expect(requests).toHaveLength(1);
  });

  it('publishes the response once and the end once, and keeps them for a keyed delivery', () => {
    const { webhooks, published, kept } = harness();
    const execution = webhookExecution(trigger) as Execution;
    const response = { statusCode: 201, headers: {}, body: { type: 'empty' } };
    webhooks.observe('uid-1', state({ nodeContext: { Respond: { webhookResponse: response } } }), execution);
    webhooks.observe('uid-1', state({ nodeContext: { Respond: { webhookResponse: response } } }), execution);
    const done = state({
      status: 'success',
      nodeContext: { Respond: { webhookResponse: response } },
      lastNodeExecuted: 'Set',
      runData: {
        Set: [{ data: { main: [[{ json: { ok: true } }]] } }],
      } as unknown as ExecutionState['runData'],
    });
    webhooks.observe('uid-1', done, execution);
    expect(published).toEqual([
      { subject: `bf.webhook-responses.${trigger.executionId}`, data: { type: 'responded', response } },
      {
        subject: `bf.webhook-responses.${trigger.executionId}`,
        data: { type: 'finished', status: 'success', lastNode: 'Set', items: [{ json: { ok: true } }] },
      },
    ]);
    expect(kept).toEqual([
      `bf.webhook-outcomes.${trigger.executionId}.responded`,
      `bf.webhook-outcomes.${trigger.executionId}.finished`,
    ]);
  });

  it('ignores executions no webhook started', () => {
    const { webhooks, published } = harness();
    const manual = {
      ...webhookExecution(trigger),
      spec: { workflowRef: { name: 'orders' }, trigger: { type: 'manual' } },
    } as Execution;
    webhooks.observe('uid-2', state({ status: 'success' }), manual);
    webhooks.observe('uid-3', state({ status: 'success' }), undefined);
    expect(published).toEqual([]);
  });
});

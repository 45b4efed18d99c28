import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MemoryDataStore } from '@budflow/runtime';
import type { JsonObject, Workflow } from '@budflow/runtime';
import { createNodeRegistry } from '@budflow/nodes';
import { startStack, STACK_KEY, testPrefix } from '@budflow/stack';
import type { Stack } from '@budflow/stack';
import {
  buildApp,
  buildRouteTable,
  ensureTriggerStream,
  JetStreamTriggerSink,
  MemorySecretSource,
  NatsResponseWaiter,
  publishWebhookOutcome,
  readTriggerMessage,
  RedisReplayGuard,
  triggerNames,
} from '@budflow/webhook-gateway';

// Cluster mode on real servers: a NATS JetStream of this file's own (so it can be stopped) and the stack's Redis.
// The operator's side (consume triggers, publish outcomes) is played by the test with the wire helpers.
const prefix = testPrefix('gateway').replace(/-/g, '_');
const names = triggerNames(prefix);
const registry = createNodeRegistry();
let nats: Stack;
let nc: NatsConnection;
let jsm: JetStreamManager;
let redis: Redis;
const apps: FastifyInstance[] = [];
// In a cluster this is the JetStreamDataStore both sides open; here one in-memory store shared by both roles.
const store = new MemoryDataStore();

const workflow = (
  name: string,
  parameters: JsonObject,
  credentials?: Workflow['spec']['nodes'][number]['credentials'],
): Workflow => ({
  apiVersion: 'budflow.io/v1alpha1',
  kind: 'Workflow',
  metadata: { name, namespace: 'shop' },
  spec: {
    active: true,
    nodes: [
      {
        name: 'Webhook',
        type: 'webhook',
        typeVersion: 2,
        parameters: { httpMethod: 'POST', ...parameters },
        ...(credentials ? { credentials } : {}),
      },
    ],
    connections: [],
    settings: { executionOrder: 'v1' },
  },
});
const workflows = [
  workflow('fire', { path: 'fire' }),
  workflow('wait', { path: 'wait', responseMode: 'lastNode' }),
  workflow('respond', { path: 'respond', responseMode: 'responseNode' }),
  workflow('limited', {
    path: 'limited',
    options: { rateLimit: { webhook: { max: 2, windowSeconds: 60 } } },
  }),
  workflow(
    'signed',
    { path: 'signed', options: { signature: { scheme: 'stripe' } } },
    { webhookSignature: { secretName: 'sig' } },
  ),
];

async function gateway(): Promise<FastifyInstance> {
  const { table } = buildRouteTable(workflows, registry);
  const secrets = new MemorySecretSource();
  secrets.replace(new Map([['shop/sig', { secret: 'whsec' }]]));
  const app = await buildApp({
    routes: () => table,
    sink: new JetStreamTriggerSink({
      nc,
      js: jetstream(nc),
      prefix,
      store,
      inlineLimitBytes: 4096,
      timeoutMs: 2_000,
    }),
    responses: new NatsResponseWaiter(nc, prefix),
    secrets,
    replays: new RedisReplayGuard(redis, `${prefix}:replay:`),
    store,
    redis,
    config: { responseTimeoutMs: 5_000 },
  });
  apps.push(app);
  return app;
}

/** Plays the operator once: takes the next trigger and answers its caller with `answer(trigger)`. */
async function operatorAnswersNext(
  answer: (items: JsonObject) => Parameters<typeof publishWebhookOutcome>[3][],
): Promise<void> {
  const consumer = await jetstream(nc).consumers.get(names.stream, 'operator');
  const message = await consumer.next({ expires: 5_000 });
  if (!message) throw new Error('no trigger arrived');
  const trigger = await readTriggerMessage(message.data, store);
  message.ack();
  for (const outcome of answer(trigger.items[0]!.json))
    publishWebhookOutcome(nc, prefix, trigger.executionId, outcome);
}

const post = (app: FastifyInstance, path: string, payload: object, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/webhook/shop/${path}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload,
  });
const stored = async (subject = names.subject('shop')) =>
  (await jsm.streams.info(names.stream, { subjects_filter: subject })).state.subjects?.[subject] ?? 0;

beforeAll(async () => {
  nats = await startStack({ kube: false, redis: false, nats: true });
  nc = await connect({ servers: nats.natsUrl, reconnectTimeWait: 200, maxReconnectAttempts: -1 });
  jsm = await jetstreamManager(nc);
  await ensureTriggerStream(jsm, prefix, { duplicateWindowMs: 60_000 });
  await jsm.consumers.add(names.stream, {
    durable_name: 'operator',
    ack_policy: AckPolicy.Explicit,
    filter_subject: `${prefix}.triggers.webhook.shop.never`,
  });
  redis = new Redis(inject(STACK_KEY).redisUrl, { keyPrefix: `${prefix}:`, maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await nc?.close().catch(() => undefined);
  await nats?.stop();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys.map((k) => k.slice(prefix.length + 1)));
  redis?.disconnect();
});

describe('webhook gateway on NATS JetStream and Redis', () => {
  it('answers only after JetStream stored the trigger, and a retry with the same key stores nothing more', async () => {
    const app = await gateway();
    const first = await post(app, 'fire', { n: 1 }, { 'idempotency-key': 'delivery-1' });
    expect(first.statusCode).toBe(200);
    expect(await stored()).toBe(1);
    const retry = await post(app, 'fire', { n: 1 }, { 'idempotency-key': 'delivery-1' });
    expect(retry.json().executionId).toBe(first.json().executionId);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await stored()).toBe(1);
    await post(app, 'fire', { n: 2 });
    expect(await stored()).toBe(2);
    const message = await jsm.streams.getMessage(names.stream, { seq: 1 });
    expect(message?.header.get('Nats-Msg-Id')).toMatch(/^idem-/);
    expect(message?.json<{ workflow: string; items: Array<{ json: { body: unknown } }> }>()).toMatchObject({
      workflow: 'fire',
      items: [{ json: { body: { n: 1 } } }],
    });
    await jsm.streams.purge(names.stream);
  });

  it('lastNode: answers with the outcome the operator publishes for the execution', async () => {
    await jsm.consumers.update(names.stream, 'operator', { filter_subject: names.subject('shop') });
    const app = await gateway();
    const [response] = await Promise.all([
      post(app, 'wait', { name: 'Ada' }),
      operatorAnswersNext((json) => [
        {
          type: 'finished',
          status: 'success',
          lastNode: 'Set',
          items: [{ json: { greeting: `Hello, ${(json.body as { name: string }).name}!` } }],
        },
      ]),
    ]);
    expect([response.statusCode, response.json()]).toEqual([200, { greeting: 'Hello, Ada!' }]);
  });

  it('responseNode: answers on the Respond to Webhook outcome; big items travel by reference', async () => {
    const app = await gateway();
    const [response] = await Promise.all([
      post(app, 'respond', { blob: 'x'.repeat(10_000) }),
      operatorAnswersNext((json) => [
        {
          type: 'responded',
          response: {
            statusCode: 201,
            headers: {},
            body: { type: 'json', value: { size: (json.body as { blob: string }).blob.length } },
          },
        },
      ]),
    ]);
    expect([response.statusCode, response.json()]).toEqual([201, { size: 10_000 }]);
  });

  it('shares rate limits and the HMAC replay guard between replicas through Redis', async () => {
    const [a, b] = [await gateway(), await gateway()];
    expect((await post(a, 'limited', {})).statusCode).toBe(200);
    expect((await post(b, 'limited', {})).statusCode).toBe(200);
    const limited = await post(a, 'limited', {});
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    const body = '{"id":"evt_1"}';
    const t = Math.floor(Date.now() / 1000);
    const header = {
      'stripe-signature': `t=${t},v1=${createHmac('sha256', 'whsec').update(`${t}.${body}`).digest('hex')}`,
    };
    const call = (app: FastifyInstance) =>
      app.inject({
        method: 'POST',
        url: '/webhook/shop/signed',
        headers: { 'content-type': 'application/json', ...header },
        payload: body,
      });
    expect((await call(a)).statusCode).toBe(200);
    expect((await call(b)).statusCode).toBe(403);
  });

  it('answers 503 (and /readyz 503) while NATS is down, and loses nothing it had acknowledged', async () => {
    const app = await gateway();
    await jsm.streams.purge(names.stream);
    const accepted = [];
    for (let n = 0; n < 25; n++) {
      const response = await post(app, 'fire', { n });
      expect(response.statusCode).toBe(200);
      accepted.push(response.json().executionId as string);
    }
    // nats-server crashes (SIGKILL) right after the last PubAck, and comes back on the same port and store.
    await nats.restart('nats-server', {
      kill: true,
      whileDown: async () => {
        for (
          let i = 0;
          i < 50 && (await app.inject({ method: 'GET', url: '/readyz' })).statusCode === 200;
          i++
        )
          await sleep(100);
        expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
        const refused = await post(app, 'fire', {});
        expect(refused.statusCode).toBe(503);
        expect(refused.json().code).toBe('BF_ERR_WEBHOOK_INTAKE_UNAVAILABLE');
        expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      },
    });
    for (let i = 0; i < 100 && (await app.inject({ method: 'GET', url: '/readyz' })).statusCode !== 200; i++)
      await sleep(100);
    // Every call answered 200 is in the stream, once; none of the refused ones is.
    expect(await stored()).toBe(accepted.length);
    const kept = [];
    for (let seq = 1; kept.length < accepted.length && seq < 1000; seq++) {
      const message = await jsm.streams.getMessage(names.stream, { seq }).catch(() => null);
      if (message) kept.push(message.json<{ executionId: string }>().executionId);
    }
    expect(kept.sort()).toEqual([...accepted].sort());
    // And the gateway takes calls again.
    expect((await post(app, 'fire', { n: 'after' })).statusCode).toBe(200);
  });
});

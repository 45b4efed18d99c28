import { KubeConfig } from '@kubernetes/client-node';
import { Redis } from 'ioredis';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createNodeRegistry } from '@budflow/nodes';
import { MemoryDataStore } from '@budflow/runtime';
import {
  detectSandboxHost,
  ensureStreams,
  JetStreamDataStore,
  ReadThroughDataStore,
  SandboxedStepRunner,
  serveNatsSteps,
} from '@budflow/runner';
import { createTestNamespace, loadKubeConfig, STACK_KEY, testPrefix } from '@budflow/stack';
import type { TestNamespace } from '@budflow/stack';
import {
  collectionPath,
  createKubeJsonClient,
  createLogger,
  EXECUTIONS,
  runOperator,
  WEBHOOK_EXECUTION_LABEL,
  WORKFLOWS,
} from '@budflow/operator';
import type { KubeJsonClient } from '@budflow/operator';
import { RedisRouteSnapshots, startClusterGateway } from '@budflow/webhook-gateway';
import type { ClusterGatewayHandle } from '@budflow/webhook-gateway';

/** API JSON whose shape the assertions check. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions walk arbitrary API JSON
type Json = Record<string, any>;
const registry = createNodeRegistry();

/** An operator replica in this process (as operator/test/integration/operator.test-support.ts starts one). */
function startOperator(kubeConfig: KubeConfig, natsUrl: string, prefix: string, namespace: string) {
  const controller = new AbortController();
  const done = runOperator(
    {
      kubeConfig,
      natsUrl,
      prefix,
      namespace,
      identity: 'op-1',
      lease: {
        namespace,
        name: 'budflow-operator',
        durationMs: 4000,
        renewDeadlineMs: 3000,
        retryPeriodMs: 500,
      },
      registry,
      logger: createLogger('warn'),
      concurrency: 4,
    },
    controller.signal,
  );
  return {
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

/** A runner of the default pool in this process: steps in sandboxed child processes. */
async function startRunner(natsUrl: string, prefix: string) {
  const nc = await connect({ servers: natsUrl });
  const js = jetstream(nc);
  await ensureStreams(await js.jetstreamManager(), prefix);
  const store = await JetStreamDataStore.open(js, prefix);
  // As `budflow runner --nats` wires it: the children read large uploads from the shared store through the pool.
  const runner = new SandboxedStepRunner({
    host: detectSandboxHost(),
    size: 2,
    store: new ReadThroughDataStore(new MemoryDataStore(), store),
  });
  const controller = new AbortController();
  const done = serveNatsSteps({
    js,
    prefix,
    pool: 'default',
    runner,
    store,
    signal: controller.signal,
    concurrency: 2,
    ackWaitMs: 5000,
  });
  return {
    stop: async () => {
      controller.abort();
      await done;
      await runner.close();
      await nc.drain();
    },
  };
}

async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// The whole cluster path on the real stack: gateway (routes from the Workflow informer, triggers to JetStream)
// → operator (trigger → Execution, outcome back over NATS) → runner pool (sandboxed steps).
let kc: KubeConfig;
let ns: TestNamespace;
let client: KubeJsonClient;
let operator: ReturnType<typeof startOperator>;
let runner: Awaited<ReturnType<typeof startRunner>>;
let gateway: ClusterGatewayHandle;
let prefix: string;
let redisUrl: string;

//  Webhook (POST /webhook/<ns>/greet, lastNode) ──► Greet (Set)
const greet = {
  active: true,
  nodes: [
    {
      name: 'Webhook',
      type: 'webhook',
      typeVersion: 2,
      parameters: { httpMethod: 'POST', path: 'greet', responseMode: 'lastNode' },
    },
    {
      name: 'Greet',
      type: 'set',
      typeVersion: 3.4,
      parameters: {
        assignments: {
          assignments: [
            { id: 'g', name: 'greeting', type: 'string', value: "={{ 'Hello, ' + $json.body.name + '!' }}" },
          ],
        },
      },
    },
  ],
  connections: [{ from: 'Webhook', to: 'Greet' }],
  settings: { executionOrder: 'v1' },
};

const webhookExecutions = async () =>
  (
    await client.request<{ items: Json[] }>({
      method: 'GET',
      path: `${collectionPath(EXECUTIONS, ns.name)}?labelSelector=${encodeURIComponent(WEBHOOK_EXECUTION_LABEL)}`,
    })
  ).items;

const post = (body: object, headers: Record<string, string> = {}) =>
  fetch(`${gateway.url}/webhook/${ns.name}/greet`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** Creates a Workflow in the test namespace. */
const createWorkflow = (name: string, spec: object) =>
  client.request({
    method: 'POST',
    path: collectionPath(WORKFLOWS, ns.name),
    body: { apiVersion: 'budflow.io/v1alpha1', kind: 'Workflow', metadata: { name }, spec },
  });

/** The greet workflow with its webhook at another path. */
const greetAt = (path: string, settings: object = { executionOrder: 'v1' }) => ({
  ...greet,
  nodes: [{ ...greet.nodes[0]!, parameters: { ...greet.nodes[0]!.parameters, path } }, greet.nodes[1]!],
  settings,
});

beforeAll(async () => {
  const stack = inject(STACK_KEY);
  kc = loadKubeConfig(stack.kubeconfigPath);
  ns = await createTestNamespace(kc, 'webhook');
  client = createKubeJsonClient(kc);
  prefix = testPrefix('webhook');
  redisUrl = stack.redisUrl;
  await createWorkflow('greet', greet);
  operator = startOperator(kc, stack.natsUrl, prefix, ns.name);
  runner = await startRunner(stack.natsUrl, prefix);
  gateway = await startClusterGateway({
    kubeConfig: kc,
    natsUrl: stack.natsUrl,
    prefix,
    namespace: ns.name,
    redisUrl: stack.redisUrl,
    port: 0,
    host: '127.0.0.1',
    registry,
    config: { responseTimeoutMs: 20_000 },
  });
  await eventually(
    async () => (gateway.routes().webhooks.length > 0 ? true : undefined),
    10_000,
    'the webhook route',
  );
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await operator?.stop();
  await runner?.stop();
  await ns?.delete();
});

describe('a webhook in cluster mode', () => {
  it('creates exactly one Execution and answers with the last node, once per idempotency key', async () => {
    const first = await post({ name: 'Ada' }, { 'idempotency-key': 'order-1' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ greeting: 'Hello, Ada!' });

    const executions = await webhookExecutions();
    expect(executions).toHaveLength(1);
    expect(executions[0]).toMatchObject({
      spec: {
        workflowRef: { name: 'greet' },
        mode: 'production',
        trigger: { type: 'webhook', node: 'Webhook' },
      },
    });
    await eventually(
      async () => {
        const [execution] = await webhookExecutions();
        return execution?.status?.phase === 'Succeeded' ? true : undefined;
      },
      30_000,
      'the Execution to succeed',
    );

    // The sender retries the same delivery: JetStream stores it once, so no second Execution starts.
    const retry = await fetch(`${gateway.url}/webhook/${ns.name}/greet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'order-1' },
      body: JSON.stringify({ name: 'Ada' }),
      signal: AbortSignal.timeout(30_000),
    });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    // It gets the first call's answer (kept by the operator for keyed deliveries), not a 202 after the timeout.
    expect([retry.status, await retry.json()]).toEqual([200, { greeting: 'Hello, Ada!' }]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await webhookExecutions()).toHaveLength(1);

    // Another key is another delivery: a second Execution.
    const other = await post({ name: 'Grace' }, { 'idempotency-key': 'order-2' });
    expect(await other.json()).toEqual({ greeting: 'Hello, Grace!' });
    expect(await webhookExecutions()).toHaveLength(2);
  }, 90_000);

  it('carries a body too large for a message or an etcd object by reference, end to end', async () => {
    const blob = 'x'.repeat(3 * 1024 * 1024);
    const response = await post({ name: 'Big', blob }, { 'idempotency-key': 'big-1' });
    expect([response.status, await response.json()]).toEqual([200, { greeting: 'Hello, Big!' }]);
    const executions = await webhookExecutions();
    const big = executions.filter((e) => e.spec.trigger.dataRef !== undefined);
    expect(big).toHaveLength(1);
    expect(big[0]!.spec.trigger).toEqual({
      type: 'webhook',
      node: 'Webhook',
      dataRef: expect.stringMatching(/^triggers\//),
    });
    expect(executions.filter((e) => e.spec.trigger.items !== undefined).length).toBe(executions.length - 1);
  }, 60_000);

  it('shares the route snapshot through Redis: a new replica serves before its informer has listed', async () => {
    const redis = new Redis(redisUrl);
    const snapshots = new RedisRouteSnapshots(redis, `${prefix}:webhook-routes:${ns.name}`);
    try {
      // A workflow applied now is served within the watch's latency, and the snapshot follows.
      const applied = Date.now();
      await createWorkflow('late', greetAt('late'));
      await eventually(
        async () =>
          (
            await fetch(`${gateway.url}/webhook/${ns.name}/late`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{"name":"Lin"}',
            })
          ).status === 200
            ? true
            : undefined,
        10_000,
        'the new route',
      );
      console.info(
        `webhook route live ${Date.now() - applied} ms after the Workflow was created (incl. one execution)`,
      );
      const snapshot = await eventually(
        async () => {
          const saved = await snapshots.load();
          return saved?.workflows.some((w) => w.metadata.name === 'late') ? saved : undefined;
        },
        5_000,
        'the snapshot with the new workflow',
      );
      expect(snapshot.workflows.map((w) => w.metadata.name).sort()).toEqual(['greet', 'late']);
      expect(snapshot.workflows[0]).not.toHaveProperty('status');

      // A snapshot with an older resourceVersion does not replace a newer one (a replica whose watch lags).
      expect(await snapshots.save({ ...snapshot, resourceVersion: '1', workflows: [] })).toBe(false);
      expect((await snapshots.load())?.workflows).toHaveLength(2);

      // A replica whose apiserver is unreachable still serves from the snapshot (and says so), calls go through.
      const unreachable = new KubeConfig();
      unreachable.loadFromOptions({
        clusters: [{ name: 'gone', server: 'https://127.0.0.1:9', skipTLSVerify: true }],
        users: [{ name: 'nobody' }],
        contexts: [{ name: 'gone', cluster: 'gone', user: 'nobody' }],
        currentContext: 'gone',
      });
      const replica = await startClusterGateway({
        kubeConfig: unreachable,
        natsUrl: inject(STACK_KEY).natsUrl,
        prefix,
        namespace: ns.name,
        redisUrl,
        port: 0,
        host: '127.0.0.1',
        registry,
        config: { responseTimeoutMs: 20_000 },
      });
      try {
        expect(replica.routeSource()).toBe('cache');
        expect((await fetch(`${replica.url}/readyz`)).status).toBe(200);
        const answer = await fetch(`${replica.url}/webhook/${ns.name}/late`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Kay' }),
        });
        expect([answer.status, await answer.json()]).toEqual([200, { greeting: 'Hello, Kay!' }]);
      } finally {
        await replica.close();
      }

      // Without a snapshot a replica waits for its informer (here: one that lists), and serves what it lists.
      await redis.del(`${prefix}:webhook-routes:${ns.name}`);
      const fresh = await startClusterGateway({
        kubeConfig: kc,
        natsUrl: inject(STACK_KEY).natsUrl,
        prefix,
        namespace: ns.name,
        redisUrl,
        port: 0,
        host: '127.0.0.1',
        registry,
      });
      try {
        expect(fresh.routeSource()).toBe('informer');
        expect(
          fresh
            .routes()
            .webhooks.map((w) => w.url)
            .sort(),
        ).toEqual(
          [
            `/webhook-test/${ns.name}/greet`,
            `/webhook-test/${ns.name}/late`,
            `/webhook/${ns.name}/greet`,
            `/webhook/${ns.name}/late`,
          ].sort(),
        );
      } finally {
        await fresh.close();
      }
    } finally {
      await redis.del(`${prefix}:webhook-routes:${ns.name}`);
      redis.disconnect();
    }
  }, 90_000);

  it('keeps an uploaded file in the data store, not the trigger; the node that parses it reads it there', async () => {
    //  Upload (multipart, lastNode) ──► Parse (Extract From File, CSV) ──► Count (Code)
    await createWorkflow('upload', {
      active: true,
      nodes: [
        {
          name: 'Upload',
          type: 'webhook',
          typeVersion: 2,
          parameters: { httpMethod: 'POST', path: 'upload', responseMode: 'lastNode' },
        },
        {
          name: 'Parse',
          type: 'extractFromFile',
          typeVersion: 1,
          parameters: { operation: 'csv', binaryPropertyName: 'file' },
        },
        {
          name: 'Count',
          type: 'code',
          typeVersion: 2,
          parameters: {
            jsCode: 'return [{ json: { rows: $input.all().length, last: $input.last().json } }];',
          },
        },
      ],
      connections: [
        { from: 'Upload', to: 'Parse' },
        { from: 'Parse', to: 'Count' },
      ],
    });
    await eventually(
      async () => (gateway.routes().webhooks.some((w) => w.workflow === 'upload') ? true : undefined),
      10_000,
      'the upload route',
    );
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i},row ${i},${'z'.repeat(40)}`);
    const form = new FormData();
    form.append('file', new Blob([['id,name,note', ...rows].join('\n')], { type: 'text/csv' }), 'rows.csv');
    const response = await fetch(`${gateway.url}/webhook/${ns.name}/upload`, { method: 'POST', body: form });
    expect([response.status, await response.json()]).toEqual([
      200,
      { rows: 40_000, last: { id: '39999', name: 'row 39999', note: 'z'.repeat(40) } },
    ]);
  }, 60_000);

  it("deletes a webhook's Execution once it ends when the workflow's TTL says so", async () => {
    await createWorkflow('brief', greetAt('brief', { executionOrder: 'v1', ttlSecondsAfterFinished: 0 }));
    await eventually(
      async () => (gateway.routes().webhooks.some((w) => w.workflow === 'brief') ? true : undefined),
      10_000,
      'the brief route',
    );
    const ofBrief = async () =>
      (
        await client.request<{ items: Json[] }>({
          method: 'GET',
          path: `${collectionPath(EXECUTIONS, ns.name)}?labelSelector=${encodeURIComponent('budflow.io/workflow=brief')}`,
        })
      ).items;
    const response = await fetch(`${gateway.url}/webhook/${ns.name}/brief`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Eve' }),
    });
    expect([response.status, await response.json()]).toEqual([200, { greeting: 'Hello, Eve!' }]);
    // Created with its finalizer (no extra write), deleted after it ends, the finalizer released by the operator.
    await eventually(
      async () => ((await ofBrief()).length === 0 ? true : undefined),
      20_000,
      'the Execution to be deleted',
    );
  }, 60_000);
});

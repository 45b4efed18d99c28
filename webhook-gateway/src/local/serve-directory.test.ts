import { createHmac } from 'node:crypto';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory } from './serve-directory.js';
import type { ServeHandle } from './serve-directory.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

const SLOW_RESPONDER = `apiVersion: budflow.io/v1alpha1
kind: Workflow
metadata: { name: answer-first, namespace: team }
spec:
  active: true
  nodes:
    - { name: Hook, type: webhook, typeVersion: 2, parameters: { path: early, httpMethod: GET, responseMode: responseNode } }
    - name: Respond
      type: respondToWebhook
      typeVersion: 1.1
      parameters: { respondWith: text, responseBody: "={{ 'early ' + $json.query.who }}" }
    - { name: Later, type: wait, typeVersion: 1.1, parameters: { resume: timeInterval, amount: 2, unit: seconds } }
  connections:
    - { from: Hook, to: Respond }
    - { from: Respond, to: Later }
`;

const FAILING = `apiVersion: budflow.io/v1alpha1
kind: Workflow
metadata: { name: failing }
spec:
  active: true
  nodes:
    - { name: Hook, type: webhook, typeVersion: 2, parameters: { path: fail, httpMethod: POST, responseMode: lastNode } }
    - { name: Boom, type: code, typeVersion: 2, parameters: { jsCode: "throw new Error('no')" } }
  connections:
    - { from: Hook, to: Boom }
`;

let dir: string;
let serve: ServeHandle;
const lines: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'budflow-serve-'));
  await copyFile(join(examples, 'webhook-hello.yaml'), join(dir, 'webhook-hello.yaml'));
  await copyFile(join(examples, 'webhook-orders.yaml'), join(dir, 'webhook-orders.yaml'));
  await writeFile(join(dir, 'answer-first.yaml'), SLOW_RESPONDER);
  await writeFile(join(dir, 'failing.yaml'), FAILING);
  await writeFile(
    join(dir, 'broken.yaml'),
    'apiVersion: budflow.io/v1alpha1\nkind: Workflow\nmetadata: { name: broken }\nspec:\n  nodes:\n    - { name: A, type: nope }\n',
  );
  await writeFile(join(dir, 'items.json'), '[{"name":"not a manifest"}]');
  serve = await serveDirectory(dir, {
    port: 0,
    watch: false,
    poolSize: 2,
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
  });
}, 60_000);

afterAll(async () => {
  await serve?.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${serve.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('budflow serve (local mode, real HTTP, sandboxed runners)', () => {
  it('reports the bad manifest and serves the rest', () => {
    expect(serve.problems()).toEqual([
      expect.stringMatching(/broken\.yaml:6:\d+: spec\.nodes\[0\]\.type: .*unknown node type 'nope'/),
    ]);
    expect(lines).toContain(`POST   ${serve.url}/webhook/hello  (default/webhook-hello, node 'Webhook')`);
    expect(lines).toContain(`GET    ${serve.url}/webhook/team/early  (team/answer-first, node 'Hook')`);
  });

  it('runs Webhook → Set and answers with the last node (lastNode)', async () => {
    const response = await post('/webhook/hello', { name: 'Ada' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ greeting: 'Hello, Ada!', via: 'POST /webhook/hello' });
    expect(response.headers.get('x-budflow-execution-id')).toMatch(/^[0-9a-f-]{36}$/);
    const namespaced = await post('/webhook/default/hello', {});
    expect(await namespaced.json()).toEqual({
      greeting: 'Hello, world!',
      via: 'POST /webhook/default/hello',
    });
  });

  it('starts one execution for a repeated idempotency key and gives the repeat the same answer', async () => {
    const first = await post('/webhook/hello', { name: 'Grace', requestId: 'r-1' });
    const again = await post('/webhook/hello', { name: 'Someone else', requestId: 'r-1' });
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get('x-budflow-execution-id')).toBe(first.headers.get('x-budflow-execution-id'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('runs Webhook → Set → Respond to Webhook behind an HMAC signature (responseNode)', async () => {
    const body = '{"qty":2}';
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHmac('sha256', 'change-me').update(`${ts}.${body}`).digest('hex');
    const headers = { 'content-type': 'application/json', 'x-timestamp': ts, 'x-signature': `sha256=${sig}` };
    const response = await fetch(`${serve.url}/webhook/orders/42`, { method: 'POST', headers, body });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-order')).toBe('42');
    expect(await response.json()).toEqual({ order: '42', quantity: 2, status: 'accepted' });
    const replay = await fetch(`${serve.url}/webhook/orders/42`, { method: 'POST', headers, body });
    expect(replay.status).toBe(403);
    const unsigned = await post('/webhook/orders/42', { qty: 1 });
    expect(unsigned.status).toBe(401);
  });

  it('answers as soon as Respond to Webhook runs, before the execution ends', async () => {
    const started = Date.now();
    const response = await fetch(`${serve.url}/webhook/team/early?who=me`);
    expect([response.status, await response.text()]).toEqual([200, 'early me']);
    expect(Date.now() - started).toBeLessThan(1_900);
  });

  it('answers 500 without detail when the workflow fails', async () => {
    const response = await post('/webhook/fail', {});
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      code: 'BF_ERR_WEBHOOK_WORKFLOW_FAILED',
      message: 'Error in workflow',
    });
  });

  it('serves a workflow added to the directory after a reload', async () => {
    await writeFile(
      join(dir, 'added.yaml'),
      FAILING.replace('name: failing', 'name: added').replace('path: fail', 'path: added'),
    );
    expect((await post('/webhook/added', {})).status).toBe(404);
    await serve.reload();
    expect((await post('/webhook/added', {})).status).toBe(500);
  });

  it('serves /healthz, /readyz and /metrics', async () => {
    expect((await fetch(`${serve.url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${serve.url}/metrics`)).text();
    expect(metrics).toMatch(
      /budflow_webhook_requests_total\{webhook="default\/webhook-hello\/Webhook",method="POST",status="200"\} \d+/,
    );
    expect(metrics).toContain('budflow_webhook_routes{kind="production"}');
  });
});

describe('budflow serve --log-level', () => {
  it('logs with pino at the level asked (pino is loaded on use)', async () => {
    const runner = { run: () => Promise.reject(new Error('no steps in this test')) };
    const logged = await serveDirectory(dir, { port: 0, watch: false, runner, logLevel: 'warn' });
    try {
      expect(logged.app.log.level).toBe('warn');
    } finally {
      await logged.close();
    }
  });
});

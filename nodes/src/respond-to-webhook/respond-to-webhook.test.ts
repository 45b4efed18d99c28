import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { executeStep } from '@budflow/runtime';
import type { JsonObject, StepJob } from '@budflow/runtime';
import { respondToWebhook } from './respond-to-webhook.js';
import { jsonItems, runStep, TEST_NOW, testRegistry } from '../test-support/run-step.test-support.js';

const items = jsonItems({ a: 1 }, { a: 2 });

async function respond(parameters: JsonObject, typeVersion = 1.1, inputs = [items]) {
  const result = await runStep({ type: 'respondToWebhook', typeVersion, parameters, inputs });
  if (!result.ok) throw new Error(result.error.message);
  return { outputs: result.outputs, response: result.nodeContext?.webhookResponse };
}

describe('Respond to Webhook', () => {
  it('responds with the first item by default and passes its input through', async () => {
    const { outputs, response } = await respond({});
    expect(response).toEqual({ statusCode: 200, headers: {}, body: { type: 'json', value: { a: 1 } } });
    expect(outputs).toEqual([items.map((item, i) => ({ ...item, pairedItem: { item: i } }))]);
  });

  it.each([
    [
      'all incoming items under a key',
      { respondWith: 'allIncomingItems', options: { responseKey: 'data' } },
      { type: 'json', value: { data: [{ a: 1 }, { a: 2 }] } },
    ],
    [
      'JSON from the parameter',
      { respondWith: 'json', responseBody: '{"ok":true}' },
      { type: 'json', value: { ok: true } },
    ],
    ['the default JSON body', { respondWith: 'json' }, { type: 'json', value: { myField: 'value' } }],
    ['text', { respondWith: 'text', responseBody: 'hello' }, { type: 'text', value: 'hello' }],
    ['no data', { respondWith: 'noData' }, { type: 'empty' }],
  ])('responds with %s', async (_name, parameters, body) => {
    expect((await respond(parameters)).response).toMatchObject({ body });
  });

  it('sets the status code and lowercases header names', async () => {
    const { response } = await respond({
      respondWith: 'text',
      responseBody: 'x',
      options: { responseCode: 201, responseHeaders: { entries: [{ name: 'X-Trace', value: 'abc' }] } },
    });
    expect(response).toMatchObject({ statusCode: 201, headers: { 'x-trace': 'abc' } });
  });

  it('redirects with 307 unless a code is given', async () => {
    const { response } = await respond({ respondWith: 'redirect', redirectURL: 'https://example.com' });
    expect(response).toEqual({
      statusCode: 307,
      headers: { location: 'https://example.com' },
      body: { type: 'empty' },
    });
  });

  it('responds with the first binary field and its type', async () => {
    const data = Buffer.from('PNG').toString('base64');
    const { response } = await respond({ respondWith: 'binary' }, 1.1, [
      [{ json: {}, binary: { img: { mimeType: 'image/png', data } } }],
    ]);
    expect(response).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'image/png', 'content-length': '3' },
      body: { type: 'binary', mimeType: 'image/png', data },
    });
  });

  it('fails on invalid JSON, or returns an error item with "continue on fail"', async () => {
    const failed = await runStep({
      type: 'respondToWebhook',
      parameters: { respondWith: 'json', responseBody: '{' },
      inputs: [items],
    });
    expect(failed.ok ? '' : failed.error.message).toBe("Invalid JSON in 'Response Body' field");
    const continued = await runStep({
      type: 'respondToWebhook',
      parameters: { respondWith: 'json', responseBody: '{' },
      inputs: [items],
      continueOnFail: true,
    });
    expect(continued.ok && continued.outputs[0]![0]!.json).toEqual({
      error: "Invalid JSON in 'Response Body' field",
    });
  });

  it('adds the response branch in v1.3, and from v1.4 when enabled', async () => {
    expect(respondToWebhook.outputs({}, 1.2)).toBe(1);
    expect(respondToWebhook.outputs({}, 1.3)).toBe(2);
    expect(respondToWebhook.outputs({}, 1.4)).toBe(1);
    expect(respondToWebhook.outputs({ enableResponseOutput: true }, 1.4)).toBe(2);
    const { outputs } = await respond(
      { enableResponseOutput: true, respondWith: 'text', responseBody: 'hi' },
      1.4,
    );
    expect(outputs[1]).toEqual([
      { json: { response: { body: 'hi', headers: {}, statusCode: 200 } }, pairedItem: { item: 0 } },
    ]);
  });

  it('signs a JWT with the jwtAuth credential', async () => {
    const job: StepJob = {
      stepId: 's',
      executionId: 'e',
      workflow: { name: 'w', active: false },
      node: {
        name: 'Respond',
        type: 'respondToWebhook',
        typeVersion: 1.1,
        parameters: { respondWith: 'jwt', payload: '{"sub":"u1"}' },
      },
      runIndex: 0,
      attempt: 1,
      inputs: [items],
      source: [null],
      runData: {},
      nodeContext: {},
      mode: 'manual',
      timezone: 'UTC',
      vars: {},
      env: {},
      now: TEST_NOW,
      isContinueOnFail: false,
    };
    const result = await executeStep(job, {
      registry: testRegistry,
      credentials: { get: async () => ({ keyType: 'passphrase', secret: 's3cret', algorithm: 'HS256' }) },
    });
    const token = (
      (result.ok && result.nodeContext?.webhookResponse) as { body: { value: { token: string } } }
    ).body.value.token;
    const [header, payload, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toEqual({
      sub: 'u1',
      iat: TEST_NOW / 1000,
    });
    expect(signature).toBe(createHmac('sha256', 's3cret').update(`${header}.${payload}`).digest('base64url'));
  });
});

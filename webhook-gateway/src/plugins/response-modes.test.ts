import { afterEach, describe, expect, it } from 'vitest';
import { testApp, webhookWorkflow } from '../gateway.test-support.js';
import type { TestApp } from '../gateway.test-support.js';

let t: TestApp;
afterEach(() => t?.app.close());

describe('response modes', () => {
  const call = (url = '/webhook/hook') => t.app.inject({ method: 'POST', url, payload: { name: 'Ada' } });
  const items = [{ json: { id: 1, nested: { v: 'x' } } }, { json: { id: 2 } }];

  it('onReceived answers at once with n8n message and the execution id, with the configured code', async () => {
    t = await testApp([
      webhookWorkflow('w', {
        path: 'hook',
        options: {
          responseCode: { values: { responseCode: 202 } },
          responseHeaders: { entries: [{ name: 'X-A', value: '1' }] },
        },
      }),
    ]);
    t.intake.outcomes = () => 'never';
    const response = await call();
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ message: 'Workflow was started', executionId: 'exec-1' });
    expect(response.headers).toMatchObject({ 'x-a': '1', 'x-budflow-execution-id': 'exec-1' });
  });

  it.each([
    ['custom text', { responseData: 'thanks' }, 'thanks'],
    ['no body', { noResponseBody: true }, ''],
  ])('onReceived answers with %s', async (_name, options, body) => {
    t = await testApp([webhookWorkflow('w', { path: 'hook', options })]);
    expect((await call()).body).toBe(body);
  });

  it.each([
    ['the first item', 'firstEntryJson', {}, { id: 1, nested: { v: 'x' } }],
    ['one property of the first item', 'firstEntryJson', { responsePropertyName: 'nested.v' }, 'x'],
    ['all items', 'allEntries', {}, [{ id: 1, nested: { v: 'x' } }, { id: 2 }]],
  ])('lastNode answers with %s', async (_name, responseData, options, body) => {
    t = await testApp([
      webhookWorkflow('w', { path: 'hook', responseMode: 'lastNode', responseData, options }),
    ]);
    t.intake.outcomes = () => [{ type: 'finished', status: 'success', lastNode: 'Set', items }];
    const response = await call();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(body);
  });

  it('lastNode answers with no body, the v1 response code, and a binary', async () => {
    t = await testApp([
      webhookWorkflow(
        'a',
        { path: 'a', responseMode: 'lastNode', responseData: 'noData', responseCode: 204 },
        { typeVersion: 1 },
      ),
      webhookWorkflow('b', { path: 'b', responseMode: 'lastNode', responseData: 'firstEntryBinary' }),
    ]);
    t.intake.outcomes = () => [
      {
        type: 'finished',
        status: 'success',
        items: [
          {
            json: {},
            binary: { data: { mimeType: 'image/png', data: Buffer.from('PNG').toString('base64') } },
          },
        ],
      },
    ];
    const empty = await call('/webhook/a');
    expect([empty.statusCode, empty.body]).toEqual([204, '']);
    const binary = await call('/webhook/b');
    expect([binary.statusCode, binary.headers['content-type'], binary.body]).toEqual([
      200,
      'image/png',
      'PNG',
    ]);
  });

  it('lastNode answers 500 without detail when the execution fails, and when there is no item', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook', responseMode: 'lastNode' })]);
    t.intake.outcomes = () => [{ type: 'finished', status: 'error', items: [], error: 'secret stack trace' }];
    const failed = await call();
    expect(failed.statusCode).toBe(500);
    expect(failed.json()).toEqual({
      code: 'BF_ERR_WEBHOOK_WORKFLOW_FAILED',
      message: 'Error in workflow',
      executionId: 'exec-1',
    });
    t.intake.outcomes = () => [{ type: 'finished', status: 'success', items: [] }];
    expect((await call()).json().code).toBe('BF_ERR_WEBHOOK_NO_RESPONSE_ITEM');
  });

  it.each([
    [
      'JSON',
      {
        statusCode: 201,
        headers: { 'x-id': '7', 'content-length': '999' },
        body: { type: 'json', value: { ok: true } },
      },
      201,
      'application/json; charset=utf-8',
      '{"ok":true}',
    ],
    [
      'text',
      { statusCode: 200, headers: {}, body: { type: 'text', value: 'hi' } },
      200,
      'text/plain; charset=utf-8',
      'hi',
    ],
    [
      'binary',
      {
        statusCode: 200,
        headers: { 'content-type': 'image/gif' },
        body: { type: 'binary', mimeType: 'image/gif', data: Buffer.from('GIF').toString('base64') },
      },
      200,
      'image/gif',
      'GIF',
    ],
    [
      'a redirect',
      { statusCode: 307, headers: { location: 'https://example.com' }, body: { type: 'empty' } },
      307,
      undefined,
      '',
    ],
  ])(
    'responseNode answers with what Respond to Webhook wrote: %s',
    async (_name, response, status, type, body) => {
      t = await testApp([webhookWorkflow('w', { path: 'hook', responseMode: 'responseNode' })]);
      t.intake.outcomes = () => [
        { type: 'responded', response },
        { type: 'finished', status: 'success', items: [] },
      ];
      const answer = await call();
      expect([answer.statusCode, answer.headers['content-type'], answer.body]).toEqual([status, type, body]);
      if (status === 201) expect(answer.headers).toMatchObject({ 'x-id': '7', 'content-length': '11' });
    },
  );

  it('responseNode falls back to n8n message when the execution ends without a Respond to Webhook node', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook', responseMode: 'responseNode' })]);
    t.intake.outcomes = () => [{ type: 'finished', status: 'success', items: [] }];
    expect((await call()).json()).toEqual({
      message: 'Workflow executed successfully',
      executionId: 'exec-1',
    });
  });

  it('answers 202 with the execution id when the execution does not answer in time', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook', responseMode: 'lastNode' })], {
      config: { responseTimeoutMs: 50 },
    });
    t.intake.outcomes = () => 'never';
    const response = await call();
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({
      message: 'Workflow was started and is still running',
      executionId: 'exec-1',
    });
  });

  it('answers 503 when the intake cannot take the trigger, and submits nothing', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook', responseMode: 'lastNode' })]);
    t.intake.failSubmit = new Error('nats: timeout');
    const response = await call();
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toEqual({
      code: 'BF_ERR_WEBHOOK_INTAKE_UNAVAILABLE',
      message: 'The workflow could not be started, retry later',
    });
  });
});

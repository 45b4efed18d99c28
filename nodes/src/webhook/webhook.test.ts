import { describe, expect, it } from 'vitest';
import { webhook } from './webhook.js';
import { jsonItems, runStep } from '../test-support/run-step.test-support.js';

const request = { headers: { host: 'x' }, params: {}, query: { a: '1' }, body: { b: 2 } };

describe('Webhook', () => {
  it('is a trigger without inputs, with one output per allowed method', () => {
    expect([webhook.isTrigger, webhook.inputs({}, 2)]).toEqual([true, 0]);
    expect(webhook.outputs({ httpMethod: 'POST' }, 2)).toBe(1);
    expect(webhook.outputs({ httpMethod: ['GET', 'POST'] }, 2)).toBe(2);
  });

  it.each([1, 1.1, 2, 2.1])('v%s outputs the trigger items it is given', async (typeVersion) => {
    const result = await runStep({
      type: 'webhook',
      typeVersion,
      parameters: { path: 'hook', httpMethod: 'POST', responseMode: 'responseNode' },
      inputs: [jsonItems(request)],
    });
    expect(result.ok && result.outputs).toEqual([[{ json: request, pairedItem: { item: 0 } }]]);
  });

  it('fills n8n defaults per version (response code is a parameter before v2)', () => {
    expect(webhook.parameters(1).parse({})).toMatchObject({
      httpMethod: 'GET',
      path: '',
      responseMode: 'onReceived',
      responseCode: 200,
      responseData: 'firstEntryJson',
      options: {},
    });
    expect(webhook.parameters(2).parse({})).not.toHaveProperty('responseCode');
  });

  it('puts items on the first output when several methods are allowed', async () => {
    const result = await runStep({
      type: 'webhook',
      typeVersion: 2,
      parameters: { multipleMethods: true, httpMethod: ['GET', 'POST'] },
      inputs: [jsonItems(request)],
    });
    expect(result.ok && result.outputs.map((items) => items.length)).toEqual([1, 0]);
  });
});

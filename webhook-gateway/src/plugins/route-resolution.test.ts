import { afterEach, describe, expect, it } from 'vitest';
import { lastItem, testApp, webhookWorkflow } from '../gateway.test-support.js';
import type { TestApp } from '../gateway.test-support.js';

let t: TestApp;
afterEach(() => t?.app.close());

const post = (url: string, payload: unknown = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object });

describe('webhook routing', () => {
  it('serves an active workflow at /webhook/<namespace>/<path>, /webhook-test/..., and default-namespace aliases', async () => {
    t = await testApp([
      webhookWorkflow('orders', { path: 'orders/new' }),
      webhookWorkflow('shop', { path: 'orders/new' }, { namespace: 'shop' }),
    ]);
    for (const url of [
      '/webhook/default/orders/new',
      '/webhook-test/default/orders/new',
      '/webhook/orders/new',
      '/webhook/shop/orders/new',
    ]) {
      expect((await post(url)).statusCode, url).toBe(200);
    }
    expect(t.intake.triggers.map((tr) => `${tr.namespace}/${tr.workflow} ${tr.mode}`)).toEqual([
      'default/orders production',
      'default/orders test',
      'default/orders production',
      'shop/shop production',
    ]);
  });

  it('serves only the test URL of an inactive workflow', async () => {
    t = await testApp([webhookWorkflow('draft', { path: 'draft' }, { active: false })]);
    expect((await post('/webhook/draft')).statusCode).toBe(404);
    expect((await post('/webhook-test/draft')).statusCode).toBe(200);
    expect(t.intake.triggers[0]!.mode).toBe('test');
    expect(lastItem(t.intake).json.executionMode).toBe('test');
  });

  it('answers 404 with a coded error for an unknown path, and 405 with Allow for another method', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook', httpMethod: ['GET', 'PUT'] })]);
    const missing = await post('/webhook/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      code: 'BF_ERR_WEBHOOK_NOT_FOUND',
      message: 'The requested webhook is not registered',
    });
    const wrong = await post('/webhook/hook');
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toBe('GET, PUT');
    expect(wrong.json().code).toBe('BF_ERR_WEBHOOK_METHOD_NOT_ALLOWED');
    expect((await t.app.inject({ method: 'PUT', url: '/webhook/hook' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/anything-else' })).json().code).toBe(
      'BF_ERR_WEBHOOK_NOT_FOUND',
    );
  });

  it('puts dynamic segments in $json.params (decoded) and prefers a literal path', async () => {
    t = await testApp([
      webhookWorkflow('by-id', { path: 'orders/:id/items/:item' }),
      webhookWorkflow('new', { path: 'orders/new/items/:item' }),
    ]);
    await post('/webhook/orders/a%20b/items/7');
    expect(lastItem(t.intake).json.params).toEqual({ id: 'a b', item: '7' });
    expect(t.intake.triggers.at(-1)!.workflow).toBe('by-id');
    await post('/webhook/orders/new/items/8');
    expect(t.intake.triggers.at(-1)!.workflow).toBe('new');
    expect(lastItem(t.intake).json.params).toEqual({ item: '8' });
  });

  it('ignores a trailing slash and keeps the query out of the path', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })]);
    expect((await post('/webhook/hook/?a=1&a=2&b=x')).statusCode).toBe(200);
    expect(lastItem(t.intake).json.query).toEqual({ a: ['1', '2'], b: 'x' });
  });

  it('routes HEAD and DELETE webhooks', async () => {
    t = await testApp([webhookWorkflow('h', { path: 'ping', httpMethod: ['HEAD', 'DELETE'] })]);
    const head = await t.app.inject({ method: 'HEAD', url: '/webhook/ping' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    expect((await t.app.inject({ method: 'DELETE', url: '/webhook/ping' })).statusCode).toBe(200);
  });
});

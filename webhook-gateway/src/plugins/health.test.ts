import { afterEach, describe, expect, it } from 'vitest';
import { testApp, webhookWorkflow } from '../gateway.test-support.js';
import type { TestApp } from '../gateway.test-support.js';

let t: TestApp;
afterEach(() => t?.app.close());

describe('health and metrics', () => {
  it('/healthz is live; /readyz follows the intake', async () => {
    t = await testApp([]);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({
      status: 'ready',
      routes: true,
      intake: true,
    });
    t.intake.isHealthy = false;
    const notReady = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect([notReady.statusCode, notReady.json().intake]).toEqual([503, false]);
  });

  it('/metrics counts requests and latency by webhook, method and status', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' }, { namespace: 'shop' })]);
    await t.app.inject({ method: 'POST', url: '/webhook/shop/hook', payload: {} });
    await t.app.inject({ method: 'POST', url: '/webhook/shop/nope', payload: {} });
    const text = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toContain(
      'budflow_webhook_requests_total{webhook="shop/w/Webhook",method="POST",status="200"} 1',
    );
    expect(text).toContain('budflow_webhook_requests_total{webhook="none",method="POST",status="404"} 1');
    expect(text).toContain(
      'budflow_webhook_request_duration_seconds_count{webhook="shop/w/Webhook",response_mode="onReceived"} 1',
    );
    for (const name of [
      'auth_failures_total',
      'rate_limited_total',
      'shed_total',
      'duplicate_deliveries_total',
      'response_timeouts_total',
    ])
      expect(text).toContain(`# TYPE budflow_webhook_${name} counter`);
  });
});

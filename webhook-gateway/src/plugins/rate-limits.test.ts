import { afterEach, describe, expect, it } from 'vitest';
import { metricValue, testApp, webhookWorkflow } from '../gateway.test-support.js';
import type { TestApp } from '../gateway.test-support.js';

let t: TestApp;
afterEach(() => t?.app.close());

const call = (url: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url, remoteAddress: ip, payload: {} });

describe('rate limits', () => {
  it('limits all callers of a webhook together and answers 429 with Retry-After', async () => {
    t = await testApp([
      webhookWorkflow('limited', {
        path: 'limited',
        options: { rateLimit: { webhook: { max: 2, windowSeconds: 30 } } },
      }),
      webhookWorkflow('free', { path: 'free' }),
    ]);
    expect((await call('/webhook/limited', '10.0.0.1')).statusCode).toBe(200);
    expect((await call('/webhook/limited', '10.0.0.2')).statusCode).toBe(200);
    const limited = await call('/webhook/limited', '10.0.0.3');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(30);
    expect(limited.json()).toEqual({
      code: 'BF_ERR_WEBHOOK_RATE_LIMITED',
      message: 'Too many requests, retry later',
    });
    for (let i = 0; i < 5; i++) expect((await call('/webhook/free')).statusCode).toBe(200);
    expect(
      await metricValue(t.metrics, 'budflow_webhook_rate_limited_total', {
        webhook: 'default/limited/Webhook',
        scope: 'webhook',
      }),
    ).toBe(1);
    expect(t.intake.triggers).toHaveLength(7);
  });

  it('limits each client address on its own', async () => {
    t = await testApp([
      webhookWorkflow('w', { path: 'hook', options: { rateLimit: { client: { max: 1 } } } }),
    ]);
    expect((await call('/webhook/hook', '10.0.0.1')).statusCode).toBe(200);
    expect((await call('/webhook/hook', '10.0.0.1')).statusCode).toBe(429);
    expect((await call('/webhook/hook', '10.0.0.2')).statusCode).toBe(200);
    expect(await metricValue(t.metrics, 'budflow_webhook_rate_limited_total', { scope: 'client' })).toBe(1);
  });

  it("applies the gateway's default per-client limit to webhooks that set none", async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })], {
      config: { defaultClientRateLimit: { max: 1, windowMs: 60_000 } },
    });
    expect((await call('/webhook/hook')).statusCode).toBe(200);
    expect((await call('/webhook/hook')).statusCode).toBe(429);
  });

  it('counts the limit before authentication, so guessing credentials is limited too', async () => {
    t = await testApp(
      [
        webhookWorkflow(
          'w',
          { path: 'hook', authentication: 'headerAuth', options: { rateLimit: { client: { max: 2 } } } },
          { credentials: { httpHeaderAuth: { secretName: 'k' } } },
        ),
      ],
      { secrets: { 'default/k': { name: 'x-key', value: 'right' } } },
    );
    const guess = (key: string) =>
      t.app.inject({ method: 'POST', url: '/webhook/hook', headers: { 'x-key': key } });
    expect((await guess('a')).statusCode).toBe(403);
    expect((await guess('b')).statusCode).toBe(403);
    expect((await guess('right')).statusCode).toBe(429);
  });
});

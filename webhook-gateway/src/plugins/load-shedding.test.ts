import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { metricValue, testApp, webhookWorkflow } from '../gateway.test-support.js';
import type { TestApp } from '../gateway.test-support.js';

let t: TestApp;
afterEach(() => t?.app.close());

describe('load shedding', () => {
  it('answers 503 with Retry-After while the intake is unhealthy, and serves again once it recovers', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })]);
    t.intake.isHealthy = false;
    const shed = await t.app.inject({ method: 'POST', url: '/webhook/hook' });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('5');
    expect(shed.json().code).toBe('BF_ERR_WEBHOOK_INTAKE_UNAVAILABLE');
    expect(await metricValue(t.metrics, 'budflow_webhook_shed_total', { reason: 'intake' })).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    t.intake.isHealthy = true;
    expect((await t.app.inject({ method: 'POST', url: '/webhook/hook' })).statusCode).toBe(200);
    expect(t.intake.triggers).toHaveLength(1);
  });

  it('answers 503 when the process is under pressure (heap over the limit), before any work', async () => {
    t = await testApp([webhookWorkflow('w', { path: 'hook' })], {
      config: {
        pressure: {
          maxHeapUsedBytes: 1,
          sampleIntervalMs: 10,
          maxEventLoopDelayMs: 0,
          maxEventLoopUtilization: 0,
          maxRssBytes: 0,
          retryAfterSeconds: 3,
        },
      },
    });
    await sleep(100);
    const shed = await t.app.inject({ method: 'POST', url: '/webhook/hook', payload: {} });
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['retry-after']).toBe('3');
    expect(shed.json()).toEqual({
      code: 'BF_ERR_WEBHOOK_OVERLOADED',
      message: 'The service is overloaded, retry later',
    });
    expect(await metricValue(t.metrics, 'budflow_webhook_shed_total', { reason: 'heapUsedBytes' })).toBe(1);
    expect(t.intake.triggers).toHaveLength(0);
    // Health and metrics are outside the shed context.
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(200);
  });
});

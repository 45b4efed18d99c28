import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { StepJob } from '@budflow/runtime';
import { RunnerMetrics } from './runner-metrics.js';
import { startHealthServer } from './health-server.js';

describe('startHealthServer', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('serves /metrics, /healthz and /readyz on a free port', async () => {
    const metrics = new RunnerMetrics();
    const measured = metrics.instrument(
      { run: () => Promise.resolve({ ok: true, outputs: [[]] }) },
      'default',
    );
    await measured.run(
      { node: { type: 'n8n-nodes-base.noOp' } } as unknown as StepJob,
      new AbortController().signal,
    );
    let ready = true;
    server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      registry: metrics.registry,
      ready: () => ready,
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const scrape = await fetch(`${base}/metrics`);
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    const text = await scrape.text();
    expect(text).toContain(
      'budflow_runner_steps_total{pool="default",node_type="n8n-nodes-base.noOp",status="success"} 1',
    );
    expect(text).toContain('budflow_runner_steps_in_progress{pool="default"} 0');
    expect(text).toContain(
      'budflow_runner_step_duration_seconds_count{pool="default",node_type="n8n-nodes-base.noOp"} 1',
    );
    expect(text).toContain('budflow_runner_process_cpu_seconds_total');

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    ready = false; // the NATS connection is down
    const notReady = await fetch(`${base}/readyz?verbose`);
    expect(notReady.status).toBe(503);
    expect(await notReady.text()).toBe('not ready\n');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});

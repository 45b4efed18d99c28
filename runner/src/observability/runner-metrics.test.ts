import { describe, expect, it } from 'vitest';
import type { StepJob, StepResult, StepRunner } from '@budflow/runtime';
import { RunnerMetrics } from './runner-metrics.js';

const job = (type: string) => ({ stepId: `s-${type}`, node: { name: type, type } }) as unknown as StepJob;
const success: StepResult = { ok: true, outputs: [[]] };
const failure: StepResult = { ok: false, error: { message: 'boom' } } as StepResult;

/** A StepRunner whose runs finish when the test says so, with the result it is given. */
function fakeRunner() {
  const pending: Array<(result: StepResult | Error) => void> = [];
  const runner: StepRunner = {
    run: () =>
      new Promise<StepResult>((resolve, reject) =>
        pending.push((r) => (r instanceof Error ? reject(r) : resolve(r))),
      ),
  };
  return { runner, finish: (result: StepResult | Error) => pending.shift()!(result) };
}

async function valuesOf(metrics: RunnerMetrics, name: string) {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  return metric?.values ?? [];
}

describe('RunnerMetrics', () => {
  it('counts steps by pool, node type and status, times them and gauges the ones in progress', async () => {
    let clock = 1_000;
    const metrics = new RunnerMetrics({ now: () => clock });
    const { runner, finish } = fakeRunner();
    const measured = metrics.instrument(runner, 'gpu');
    const signal = new AbortController().signal;
    expect(await valuesOf(metrics, 'budflow_runner_steps_in_progress')).toEqual([
      expect.objectContaining({ labels: { pool: 'gpu' }, value: 0 }),
    ]);

    const first = measured.run(job('n8n-nodes-base.code'), signal);
    const second = measured.run(job('n8n-nodes-base.set'), signal);
    const third = measured.run(job('n8n-nodes-base.code'), signal);
    expect((await valuesOf(metrics, 'budflow_runner_steps_in_progress'))[0]?.value).toBe(3);

    clock += 250;
    finish(success);
    expect(await first).toBe(success);
    finish(failure);
    expect(await second).toBe(failure);
    clock += 250;
    finish(new Error('runner closed'));
    await expect(third).rejects.toThrow('runner closed');
    expect((await valuesOf(metrics, 'budflow_runner_steps_in_progress'))[0]?.value).toBe(0);

    const steps = await valuesOf(metrics, 'budflow_runner_steps_total');
    expect(steps).toHaveLength(3);
    expect(steps).toEqual(
      expect.arrayContaining([
        { labels: { pool: 'gpu', node_type: 'n8n-nodes-base.code', status: 'success' }, value: 1 },
        { labels: { pool: 'gpu', node_type: 'n8n-nodes-base.set', status: 'error' }, value: 1 },
        // A run that throws (the step could not be run here) counts as an error.
        { labels: { pool: 'gpu', node_type: 'n8n-nodes-base.code', status: 'error' }, value: 1 },
      ]),
    );

    const duration = await valuesOf(metrics, 'budflow_runner_step_duration_seconds');
    const sum = (type: string) =>
      duration.find(
        (v) =>
          (v as { metricName?: string }).metricName === 'budflow_runner_step_duration_seconds_sum' &&
          v.labels.node_type === type,
      );
    expect(sum('n8n-nodes-base.code')).toMatchObject({ labels: { pool: 'gpu' }, value: 0.75 });
    expect(sum('n8n-nodes-base.set')).toMatchObject({ labels: { pool: 'gpu' }, value: 0.25 });
  });

  it('has default process metrics prefixed budflow_runner_', async () => {
    const names = (await new RunnerMetrics().registry.getMetricsAsJSON()).map((m) => m.name);
    expect(names).toContain('budflow_runner_process_cpu_seconds_total');
    expect(names).toContain('budflow_runner_nodejs_heap_size_used_bytes');
    expect(names.filter((n) => !n.startsWith('budflow_runner_'))).toEqual([]);
  });
});

import { createRequire } from 'node:module';
import type * as PromClient from 'prom-client';
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StepRunner } from '@budflow/runtime';

// prom-client is loaded when a RunnerMetrics is made, not when @budflow/runner is imported: every `budflow` command
// imports this package, and only `budflow runner --nats` serves metrics (the load costs about 30 ms).
const load = () => createRequire(import.meta.url)('prom-client') as typeof PromClient;

/** A runner's Prometheus metrics (budflow_runner_*): the steps it ran, how long each took here, how many run now. */
export class RunnerMetrics {
  readonly registry: Registry;
  readonly steps: Counter<'pool' | 'node_type' | 'status'>;
  readonly stepDuration: Histogram<'pool' | 'node_type'>;
  readonly stepsInProgress: Gauge<'pool'>;
  private readonly now: () => number;

  /** `now` (milliseconds) is for tests; default performance.now. */
  constructor(options: { now?: () => number } = {}) {
    const prom = load();
    this.now = options.now ?? (() => performance.now());
    this.registry = new prom.Registry();
    this.steps = new prom.Counter({
      name: 'budflow_runner_steps_total',
      help: 'Steps this runner ran, by pool, node type and status (success | error)',
      labelNames: ['pool', 'node_type', 'status'] as const,
      registers: [this.registry],
    });
    this.stepDuration = new prom.Histogram({
      name: 'budflow_runner_step_duration_seconds',
      help: 'Time a step took in this runner (the sandboxed run, not the queueing before it), by pool and node type',
      labelNames: ['pool', 'node_type'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 120],
      registers: [this.registry],
    });
    this.stepsInProgress = new prom.Gauge({
      name: 'budflow_runner_steps_in_progress',
      help: 'Steps this runner is running now, by pool',
      labelNames: ['pool'] as const,
      registers: [this.registry],
    });
    prom.collectDefaultMetrics({ register: this.registry, prefix: 'budflow_runner_' });
  }

  /**
   * `runner` with every run recorded under `pool`: status from the result's `ok`; a run that throws (the step could
   * not be run here) counts as an error and is rethrown.
   */
  instrument(runner: StepRunner, pool: string): StepRunner {
    this.stepsInProgress.set({ pool }, 0);
    return {
      run: async (job, signal) => {
        const nodeType = job.node.type;
        const started = this.now();
        this.stepsInProgress.inc({ pool });
        let ok = false;
        try {
          const result = await runner.run(job, signal);
          ok = result.ok;
          return result;
        } finally {
          this.stepsInProgress.dec({ pool });
          this.stepDuration.observe({ pool, node_type: nodeType }, (this.now() - started) / 1000);
          this.steps.inc({ pool, node_type: nodeType, status: ok ? 'success' : 'error' });
        }
      },
    };
  }
}

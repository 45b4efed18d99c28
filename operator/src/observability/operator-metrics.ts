import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ExecutionState } from '@budflow/runtime';

/** The operator's Prometheus metrics, named budflow_* with units. */
export class OperatorMetrics {
  readonly registry = new Registry();
  readonly executionsStarted = new Counter({
    name: 'budflow_executions_started_total',
    help: 'Executions the operator started, by namespace and workflow',
    labelNames: ['namespace', 'workflow'] as const,
    registers: [this.registry],
  });
  readonly executionsFinished = new Counter({
    name: 'budflow_executions_finished_total',
    help: 'Executions that finished, by namespace, workflow and phase',
    labelNames: ['namespace', 'workflow', 'phase'] as const,
    registers: [this.registry],
  });
  readonly executionDuration = new Histogram({
    name: 'budflow_execution_duration_seconds',
    help: 'Time from start to finish of executions',
    labelNames: ['namespace', 'workflow', 'phase'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800],
    registers: [this.registry],
  });
  readonly stepDuration = new Histogram({
    name: 'budflow_step_duration_seconds',
    help: 'Time from dispatch to result of steps, by node type',
    labelNames: ['node_type', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 120],
    registers: [this.registry],
  });
  readonly reconcileErrors = new Counter({
    name: 'budflow_reconcile_errors_total',
    help: 'Reconciles that failed and were requeued, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'budflow_workqueue_depth',
    help: 'Keys waiting in a reconcile work queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });
  readonly leader = new Gauge({
    name: 'budflow_leader',
    help: '1 while this replica holds the leader Lease',
    registers: [this.registry],
  });
  readonly liveExecutions = new Gauge({
    name: 'budflow_executions_running',
    help: 'Executions this replica is running',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'budflow_operator_' });
  }

  /** Counts a finished execution once (call on the transition to a final state). */
  finished(state: ExecutionState, namespace: string, phase: string): void {
    const labels = { namespace, workflow: state.workflowName, phase };
    this.executionsFinished.inc(labels);
    if (state.startedAt !== undefined && state.finishedAt !== undefined) {
      this.executionDuration.observe(labels, (state.finishedAt - state.startedAt) / 1000);
    }
  }
}

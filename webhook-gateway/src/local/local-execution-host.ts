import { createExecution, driveExecution } from '@budflow/runtime';
import type {
  Clock,
  DataStore,
  EngineEvent,
  ExecutionState,
  NodeTypeRegistry,
  StepRunner,
  Workflow,
} from '@budflow/runtime';
import { GatewayError } from '../errors.js';
import type {
  FinishedOutcome,
  PendingOutcome,
  RespondedOutcome,
  ResponseWaiter,
  TriggerAccepted,
  TriggerSink,
  WebhookOutcome,
  WebhookTrigger,
} from '../ports.js';

/** The node-context key Respond to Webhook writes its answer under (nodes/src/respond-to-webhook/webhook-response.ts). */
const WEBHOOK_RESPONSE_KEY = 'webhookResponse';

export interface LocalExecutionHostOptions {
  /** The workflow as currently loaded */
  workflow: (namespace: string, name: string) => Workflow | undefined;
  registry: NodeTypeRegistry;
  /** Runs the steps (the sandboxed runner pool: steps and expressions never run in this process) */
  runner: StepRunner;
  store: DataStore;
  clock: Clock;
  vars?: Record<string, string>;
  env?: Record<string, string>;
  /** Executions running at once before the intake reports itself unhealthy (default 1,000) */
  maxInFlight?: number;
  /** How long an idempotency key is remembered (default 10 min; NATS' duplicate window in cluster mode) */
  dedupeWindowMs?: number;
  /** Most keys remembered (default 10,000; the oldest go first) */
  dedupeMaxEntries?: number;
  /** Binary data moved to the store is deleted this long after its execution ends (default 60 s) */
  binaryRetentionMs?: number;
  onFinished?: (state: ExecutionState, trigger: WebhookTrigger) => void;
}

interface Record_ {
  responded?: RespondedOutcome;
  finished?: FinishedOutcome;
  waiters: Set<{ until: 'lastNode' | 'responseNode'; resolve: (outcome: WebhookOutcome) => void }>;
  /** An execution runs or ran under this id (else only a waiter registered, and submit may have failed) */
  started?: boolean;
  /** Kept after the end for repeats of a keyed delivery */
  keepUntil?: number;
}

/**
 * Local mode's intake and response channel in one: each trigger becomes an execution driven in this process
 * by the engine (`createExecution` + `driveExecution`), its steps run by the runner pool. Keyed deliveries are
 * remembered for the dedupe window with their outcome, so a sender's retry gets the first call's answer and
 * starts nothing.
 */
export class LocalExecutionHost implements TriggerSink, ResponseWaiter {
  private readonly records = new Map<string, Record_>();
  private readonly deliveries = new Map<string, { executionId: string; expiresAt: number }>();
  private readonly running = new Set<Promise<void>>();
  private readonly cancel = new AbortController();
  private inFlight = 0;
  private closed = false;

  constructor(private readonly options: LocalExecutionHostOptions) {}

  healthy(): boolean {
    return !this.closed && this.inFlight < (this.options.maxInFlight ?? 1_000);
  }

  /** Executions running now. */
  get inFlightCount(): number {
    return this.inFlight;
  }

  async submit(trigger: WebhookTrigger): Promise<TriggerAccepted> {
    const now = this.options.clock.now();
    this.prune(now);
    const seen = this.deliveries.get(trigger.deliveryId);
    if (seen && seen.expiresAt > now) return { executionId: seen.executionId, duplicate: true };
    if (!this.healthy())
      throw new GatewayError('BF_ERR_WEBHOOK_OVERLOADED', { headers: { 'retry-after': '1' } });
    const workflow = this.options.workflow(trigger.namespace, trigger.workflow);
    if (!workflow) throw new Error(`workflow ${trigger.namespace}/${trigger.workflow} is no longer loaded`);
    const state = createExecution({
      executionId: trigger.executionId,
      workflowName: workflow.metadata.name,
      namespace: trigger.namespace,
      spec: workflow.spec,
      registry: this.options.registry,
      mode: trigger.mode,
      vars: this.options.vars ?? {},
      env: this.options.env ?? {},
    });
    if (trigger.keyed) {
      this.deliveries.set(trigger.deliveryId, {
        executionId: trigger.executionId,
        expiresAt: now + this.dedupeWindowMs,
      });
    }
    const record = this.records.get(trigger.executionId);
    if (record) record.started = true;
    else this.records.set(trigger.executionId, { waiters: new Set(), started: true });
    this.inFlight++;
    const run = this.drive(state, trigger).finally(() => {
      this.inFlight--;
      this.running.delete(run);
    });
    this.running.add(run);
    return { executionId: trigger.executionId, duplicate: false };
  }

  expect(executionId: string, until: 'lastNode' | 'responseNode'): PendingOutcome {
    let record = this.records.get(executionId);
    if (!record) this.records.set(executionId, (record = { waiters: new Set() }));
    const ready = (until === 'responseNode' ? record.responded : undefined) ?? record.finished;
    if (ready) return { outcome: Promise.resolve(ready), cancel: () => undefined };
    const target = record;
    let waiter!: Record_['waiters'] extends Set<infer W> ? W : never;
    const outcome = new Promise<WebhookOutcome>((resolve) => {
      waiter = { until, resolve };
      target.waiters.add(waiter);
    });
    return {
      outcome,
      cancel: () => {
        target.waiters.delete(waiter);
        this.forgetIfDone(executionId, target);
      },
    };
  }

  /**
   * Stops taking triggers and waits for the running executions to end; those still running after `graceMs`
   * (a Wait node's timer, a slow step) are cancelled.
   */
  async close(graceMs = 10_000): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...this.running]), grace]);
    clearTimeout(timer);
    this.cancel.abort();
    await Promise.allSettled([...this.running]);
  }

  private get dedupeWindowMs(): number {
    return this.options.dedupeWindowMs ?? 10 * 60_000;
  }

  private async drive(state: ExecutionState, trigger: WebhookTrigger): Promise<void> {
    const { clock } = this.options;
    const record = this.records.get(trigger.executionId)!;
    let final: ExecutionState;
    try {
      final = await driveExecution(
        state,
        { triggerItems: trigger.items, startNode: trigger.node },
        {
          runner: this.options.runner,
          clock,
          timers: {
            set: (at, callback) => setTimeout(callback, Math.max(0, at - clock.now())),
            clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
          },
          onEvent: (event) => this.onEvent(record, event),
          signal: this.cancel.signal,
        },
      );
    } catch (error) {
      final = {
        ...state,
        status: 'error',
        error: { message: error instanceof Error ? error.message : String(error) },
      };
    }
    const lastNode = final.lastNodeExecuted;
    const items = lastNode ? (final.runData[lastNode]?.at(-1)?.data?.main[0] ?? []) : [];
    const status =
      final.status === 'success' ||
      final.status === 'error' ||
      final.status === 'canceled' ||
      final.status === 'waiting'
        ? final.status
        : 'error';
    record.finished = {
      type: 'finished',
      status,
      items,
      ...(lastNode ? { lastNode } : {}),
      ...(final.error ? { error: final.error.message } : {}),
    };
    for (const waiter of [...record.waiters]) {
      record.waiters.delete(waiter);
      waiter.resolve(
        waiter.until === 'responseNode' && record.responded ? record.responded : record.finished,
      );
    }
    if (trigger.keyed) record.keepUntil = clock.now() + this.dedupeWindowMs;
    this.forgetIfDone(trigger.executionId, record);
    this.releaseBinaries(trigger.binaryRefs);
    this.options.onFinished?.(final, trigger);
  }

  private onEvent(record: Record_, event: EngineEvent): void {
    if (event.type !== 'stepSucceeded' || record.responded) return;
    const response = event.nodeContext?.[WEBHOOK_RESPONSE_KEY];
    if (response === undefined) return;
    record.responded = { type: 'responded', response };
    for (const waiter of [...record.waiters]) {
      if (waiter.until !== 'responseNode') continue;
      record.waiters.delete(waiter);
      waiter.resolve(record.responded);
    }
  }

  private forgetIfDone(executionId: string, record: Record_): void {
    if (record.waiters.size > 0 || record.keepUntil !== undefined) return;
    if (record.finished || !record.started) this.records.delete(executionId);
  }

  private releaseBinaries(refs: readonly string[]): void {
    if (refs.length === 0) return;
    // A lastNode answer may still read them (firstEntryBinary by reference): keep them a little longer.
    const timer = setTimeout(() => {
      for (const ref of refs) void this.options.store.delete(ref);
    }, this.options.binaryRetentionMs ?? 60_000);
    timer.unref();
  }

  private prune(now: number): void {
    const max = this.options.dedupeMaxEntries ?? 10_000;
    for (const [id, delivery] of this.deliveries) {
      if (delivery.expiresAt > now && this.deliveries.size <= max) break;
      this.deliveries.delete(id);
      const record = this.records.get(delivery.executionId);
      if (record?.finished && record.waiters.size === 0) this.records.delete(delivery.executionId);
    }
  }
}

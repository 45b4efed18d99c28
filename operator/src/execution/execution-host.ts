import { advance, createExecution } from '@budflow/runtime';
import type {
  Clock,
  DataStore,
  DispatchStep,
  EngineCommand,
  EngineEvent,
  ExecutionState,
  Item,
  NodeTypeRegistry,
  Timers,
} from '@budflow/runtime';
import type {
  CreatedRecord,
  EventRecord,
  ExecutionLog,
  LogRecord,
  StepDispatcher,
  StepResultMessage,
} from '../nats/contracts.js';

export interface ExecutionHostDeps {
  registry: NodeTypeRegistry;
  log: ExecutionLog;
  dispatcher: StepDispatcher;
  store: DataStore;
  clock: Clock;
  timers: Timers;
  /** Told after every change of an execution's state (the reconciler coalesces status writes) */
  onChange: (executionId: string, state: ExecutionState) => void;
  onError?: (executionId: string, error: unknown) => void;
  /** Told once per step result the execution was waiting for: node type, outcome, time from dispatch to result */
  onStep?: (step: { nodeType: string; ok: boolean; seconds: number }) => void;
  /** Step outputs larger than this (JSON bytes) are logged by reference to the data store */
  inlineLimitBytes?: number;
  /** Delay before re-dispatching a step whose publish failed */
  redispatchDelayMs?: number;
}

interface Live {
  id: string;
  state: ExecutionState;
  timers: Map<string, unknown>;
  /** Events of one execution are applied one at a time, in this order */
  chain: Promise<void>;
}

/**
 * Runs executions for the leader: each execution's facts are appended to its durable log first, then applied to
 * the pure engine, whose commands this host carries out (dispatch to runner pools, timers). A new leader rebuilds
 * any execution by replaying its log through the same deterministic `advance`, re-arms its timers and
 * re-dispatches the step that was in flight under the same id, which the work queue deduplicates.
 */
export class ExecutionHost {
  private readonly live = new Map<string, Live>();
  private readonly loading = new Map<string, Promise<Live | undefined>>();
  private stopped = false;

  constructor(private readonly deps: ExecutionHostDeps) {}

  /** The live state of an execution, if this host runs it. */
  state(executionId: string): ExecutionState | undefined {
    return this.live.get(executionId)?.state;
  }

  get size(): number {
    return this.live.size;
  }

  /** Loads the execution from its log, or starts it with `created` when it has none yet. */
  async ensure(executionId: string, created: () => CreatedRecord): Promise<ExecutionState> {
    const existing = this.live.get(executionId) ?? (await this.load(executionId));
    if (existing) return existing.state;
    const record = created();
    await this.deps.log.append(executionId, record, `${executionId}/created`);
    const started: EngineEvent = {
      type: 'executionStarted',
      at: record.at,
      ...(record.triggerItems ? { triggerItems: record.triggerItems } : {}),
      ...(record.destinationNode ? { destinationNode: record.destinationNode } : {}),
    };
    const startedRecord: EventRecord = record.triggerItemsRef
      ? { kind: 'event', event: started, triggerItemsRef: record.triggerItemsRef }
      : await this.toRecord(started, executionId);
    await this.deps.log.append(executionId, startedRecord, `${executionId}/started`);
    // Read back what the log holds: if another (stale) leader started it first, its records win.
    const live = await this.load(executionId);
    if (!live) throw new Error(`execution ${executionId}: its log is empty right after it was written`);
    return live.state;
  }

  /** A runner's result for one of our steps. Results of executions this host does not know are dropped. */
  async deliverResult(message: StepResultMessage): Promise<void> {
    const live = this.live.get(message.executionId) ?? (await this.load(message.executionId));
    if (!live) return;
    const at = this.deps.clock.now();
    const { result, stepId } = message;
    const current = live.state.current;
    if (this.deps.onStep && current?.stepId === stepId) {
      const nodeType =
        live.state.spec.nodes.find((node) => node.name === current.entry.node)?.type ?? 'unknown';
      this.deps.onStep({ nodeType, ok: result.ok, seconds: Math.max(0, at - current.startedAt) / 1000 });
    }
    const event: EngineEvent = result.ok
      ? {
          type: 'stepSucceeded',
          at,
          stepId,
          outputs: result.outputs,
          ...(result.nodeContext ? { nodeContext: result.nodeContext } : {}),
          ...(result.wait ? { wait: result.wait } : {}),
        }
      : { type: 'stepFailed', at, stepId, error: result.error };
    await this.enqueue(live, () => this.record(live, event, `${stepId}/result`));
  }

  /** Cancels an execution (spec.cancel or deletion). */
  async cancel(executionId: string, reason: string): Promise<void> {
    const live = this.live.get(executionId) ?? (await this.load(executionId));
    if (!live) return;
    const event: EngineEvent = { type: 'cancelRequested', at: this.deps.clock.now(), reason };
    await this.enqueue(live, () => this.record(live, event, `${executionId}/cancel`));
  }

  /** Stops tracking an execution in memory (it finished, or this host stopped leading). */
  forget(executionId: string): void {
    const live = this.live.get(executionId);
    if (!live) return;
    for (const handle of live.timers.values()) this.deps.timers.clear(handle);
    this.live.delete(executionId);
  }

  /** Deletes the execution's stored data: its log and any outputs kept by reference. */
  async remove(executionId: string): Promise<void> {
    this.forget(executionId);
    const records = await this.deps.log.read(executionId).catch(() => []);
    await this.deps.log.remove(executionId);
    // What the log kept by reference goes with it (else only the data bucket's TTL would remove it), and the
    // uploads its trigger items refer to, also when those items are themselves in the store.
    const keys = storedKeysOf(records);
    for (const ref of triggerItemsRefsOf(records)) {
      const json = await this.deps.store.get(ref).catch(() => undefined);
      if (json !== undefined) for (const id of binaryIdsOf(JSON.parse(json) as Item[])) keys.add(id);
    }
    await Promise.all([...keys].map((key) => this.deps.store.delete(key).catch(() => undefined)));
  }

  /** Drops every execution (leadership lost): nothing more is dispatched or written by this host. */
  stop(): void {
    this.stopped = true;
    for (const id of [...this.live.keys()]) this.forget(id);
  }

  private enqueue(live: Live, work: () => Promise<void>): Promise<void> {
    const next = live.chain.then(work, work);
    live.chain = next.catch((error: unknown) => this.deps.onError?.(live.id, error));
    return next;
  }

  /** Write-ahead: the fact is in the log before the engine acts on it. */
  private async record(live: Live, event: EngineEvent, dedupeId: string): Promise<void> {
    if (this.stopped || !this.live.has(live.id)) return;
    await this.deps.log.append(live.id, await this.toRecord(event, live.id), dedupeId);
    this.apply(live, event);
  }

  private apply(live: Live, event: EngineEvent): void {
    const { state, commands } = advance(live.state, event);
    live.state = state;
    for (const command of commands) this.perform(live, command);
    this.deps.onChange(live.id, state);
  }

  private perform(live: Live, command: EngineCommand): void {
    switch (command.type) {
      case 'dispatchStep':
        this.dispatch(live, command);
        return;
      case 'startTimer':
        this.arm(live, command.timerId, command.fireAt);
        return;
      case 'cancelTimer': {
        const handle = live.timers.get(command.timerId);
        if (handle !== undefined) this.deps.timers.clear(handle);
        live.timers.delete(command.timerId);
        return;
      }
      case 'cancelStep':
      case 'executionWaiting':
      case 'finishExecution':
        // A step running in a pool is not interrupted: its late result is ignored by the engine.
        return;
    }
  }

  private dispatch(live: Live, command: DispatchStep): void {
    const pool = live.state.spec.settings?.runnerPool ?? 'default';
    this.deps.dispatcher.dispatch(command.job, pool).catch((error: unknown) => {
      this.deps.onError?.(live.id, error);
      // Publishing failed (NATS away): try again under the same step id, which the queue deduplicates.
      this.deps.timers.set(this.deps.clock.now() + (this.deps.redispatchDelayMs ?? 1000), () => {
        if (this.live.get(live.id)?.state.current?.stepId === command.job.stepId)
          this.dispatch(live, command);
      });
    });
  }

  private arm(live: Live, timerId: string, fireAt: number): void {
    const previous = live.timers.get(timerId);
    if (previous !== undefined) this.deps.timers.clear(previous);
    live.timers.set(
      timerId,
      this.deps.timers.set(fireAt, () => {
        live.timers.delete(timerId);
        const event: EngineEvent = { type: 'timerFired', at: this.deps.clock.now(), timerId };
        void this.enqueue(live, () => this.record(live, event, `${live.id}/timer/${timerId}`));
      }),
    );
  }

  private load(executionId: string): Promise<Live | undefined> {
    let pending = this.loading.get(executionId);
    if (!pending) {
      pending = this.replay(executionId).finally(() => this.loading.delete(executionId));
      this.loading.set(executionId, pending);
    }
    return pending;
  }

  /** Rebuilds an execution from its log and resumes what was outstanding. */
  private async replay(executionId: string): Promise<Live | undefined> {
    const already = this.live.get(executionId);
    if (already) return already;
    const records = await this.deps.log.read(executionId);
    const created = records[0];
    if (!created || created.kind !== 'created') return undefined;
    let state = createExecution({
      executionId,
      workflowName: created.workflowName,
      namespace: created.namespace,
      spec: created.spec,
      registry: this.deps.registry,
      mode: created.mode,
    });
    const timers = new Map<string, number>();
    const dispatches = new Map<string, DispatchStep>();
    for (const record of records.slice(1)) {
      if (record.kind !== 'event') continue;
      const event = await this.fromRecord(record);
      const next = advance(state, event);
      state = next.state;
      if (event.type === 'timerFired') timers.delete(event.timerId);
      for (const command of next.commands) {
        if (command.type === 'startTimer') timers.set(command.timerId, command.fireAt);
        if (command.type === 'cancelTimer') timers.delete(command.timerId);
        if (command.type === 'dispatchStep') dispatches.set(command.job.stepId, command);
      }
    }
    if (this.stopped) return undefined;
    const live: Live = { id: executionId, state, timers: new Map(), chain: Promise.resolve() };
    this.live.set(executionId, live);
    if (state.status === 'running' || state.status === 'waiting') {
      for (const [timerId, fireAt] of timers) this.arm(live, timerId, fireAt);
      const current = state.current;
      const inFlight =
        current && !current.pause && !current.retryTimerId ? dispatches.get(current.stepId) : undefined;
      if (inFlight) this.dispatch(live, inFlight);
    }
    this.deps.onChange(executionId, state);
    return live;
  }

  /** The log record of an event; item data too large for a log message goes to the data store by reference. */
  private async toRecord(event: EngineEvent, executionId: string): Promise<EventRecord> {
    const limit = this.deps.inlineLimitBytes ?? 256 * 1024;
    if (event.type === 'executionStarted' && event.triggerItems) {
      const json = JSON.stringify(event.triggerItems);
      if (json.length <= limit) return { kind: 'event', event };
      const key = `trigger-items/${executionId}`;
      await this.deps.store.put(key, json);
      const { triggerItems: _moved, ...rest } = event;
      return { kind: 'event', event: rest, triggerItemsRef: key };
    }
    if (event.type !== 'stepSucceeded') return { kind: 'event', event };
    const json = JSON.stringify(event.outputs);
    if (json.length <= limit) return { kind: 'event', event };
    const key = `outputs/${event.stepId}`;
    await this.deps.store.put(key, json);
    return { kind: 'event', event: { ...event, outputs: [] }, outputsRef: key };
  }

  private async fromRecord(record: EventRecord): Promise<EngineEvent> {
    if (record.triggerItemsRef && record.event.type === 'executionStarted') {
      const json = await this.deps.store.get(record.triggerItemsRef);
      if (json === undefined)
        throw new Error(`trigger items '${record.triggerItemsRef}' are gone from the data store`);
      return { ...record.event, triggerItems: JSON.parse(json) as Item[] };
    }
    if (!record.outputsRef || record.event.type !== 'stepSucceeded') return record.event;
    const json = await this.deps.store.get(record.outputsRef);
    if (json === undefined)
      throw new Error(`step outputs '${record.outputsRef}' are gone from the data store`);
    return { ...record.event, outputs: JSON.parse(json) as Item[][] };
  }
}

/**
 * Data-store keys an execution's log refers to: trigger items and step outputs logged by reference, and binary data
 * kept by reference (uploads: `binary/...`) in its trigger items.
 */
function storedKeysOf(records: readonly LogRecord[]): Set<string> {
  const keys = new Set<string>();
  const binaryOf = (items: readonly Item[] | undefined) => {
    for (const id of binaryIdsOf(items ?? [])) keys.add(id);
  };
  for (const record of records) {
    if (record.kind === 'created') {
      if (record.triggerItemsRef) keys.add(record.triggerItemsRef);
      binaryOf(record.triggerItems);
      continue;
    }
    if (record.outputsRef) keys.add(record.outputsRef);
    if (record.triggerItemsRef) keys.add(record.triggerItemsRef);
    if (record.event.type === 'executionStarted') binaryOf(record.event.triggerItems);
  }
  return keys;
}

function triggerItemsRefsOf(records: readonly LogRecord[]): string[] {
  return records.flatMap((record) => (record.triggerItemsRef ? [record.triggerItemsRef] : []));
}

/** Binary data of `items` kept by reference in the data store (uploads the gateway put there). */
function binaryIdsOf(items: readonly Item[]): string[] {
  return items.flatMap((item) =>
    Object.values(item.binary ?? {}).flatMap((entry) =>
      entry.id?.startsWith('binary/') && entry.data === undefined ? [entry.id] : [],
    ),
  );
}

import type { EngineEvent, ExecutionMode, Item, StepJob, StepResult, WorkflowSpec } from '@budflow/runtime';

/**
 * The operator's view of NATS JetStream (implemented in this folder; the runner side is in
 * runner/src/nats/). Every publish carries a deterministic Nats-Msg-Id, so a stale leader or a retry
 * never duplicates a job, a result or a log record within the stream's duplicate window.
 */

/** Publishes step jobs to a runner pool's work queue. Idempotent per `job.stepId`. */
export interface StepDispatcher {
  dispatch(job: StepJob, pool: string): Promise<void>;
}

/** A step's result as a runner reported it (or as the dead-letter path synthesized it). */
export interface StepResultMessage {
  stepId: string;
  executionId: string;
  result: StepResult;
}

/** Results of steps, delivered at least once; a message is acknowledged once the handler resolves. */
export interface StepResultSource {
  consume(handler: (message: StepResultMessage) => Promise<void>, signal: AbortSignal): Promise<void>;
}

/** The first record of an execution's log: everything needed to rebuild it, taken when it started. */
export interface CreatedRecord {
  kind: 'created';
  namespace: string;
  name: string;
  workflowName: string;
  /** Immutable snapshot of the workflow spec the execution runs */
  spec: WorkflowSpec;
  mode: ExecutionMode;
  triggerItems?: Item[];
  /** The trigger items are in the data store under this key (Execution spec.trigger.dataRef: large webhook bodies) */
  triggerItemsRef?: string;
  destinationNode?: string;
  at: number;
}

/** A fact the engine applied, in order. */
export interface EventRecord {
  kind: 'event';
  event: EngineEvent;
  /** A step's outputs too large for a log message are in the data store under this key (the event's outputs are then empty) */
  outputsRef?: string;
  /** executionStarted: its trigger items are in the data store under this key (the event then has none) */
  triggerItemsRef?: string;
}

export type LogRecord = CreatedRecord | EventRecord;

/** The durable, append-only log of each execution: replaying it through `advance` rebuilds the state. */
export interface ExecutionLog {
  /** Appends once per `dedupeId` (a repeated append with the same id is a no-op). */
  append(executionId: string, record: LogRecord, dedupeId: string): Promise<void>;
  /** Every record of the execution, in append order. */
  read(executionId: string): Promise<LogRecord[]>;
  /** Forgets the execution (finalizer clean-up). */
  remove(executionId: string): Promise<void>;
}

import type { Item, JsonObject } from '../spec/items.js';
import type { ExecutionMode } from '../spec/execution.js';
import type { NodeSpec } from '../spec/workflow.js';
import type { RunData, SourceRef, StepError } from './run-data.js';

export type { StepError };

/**
 * Everything a runner needs to execute one step: JSON-serializable, so the same job crosses an in-process
 * call, a child process's stdio or a NATS message.
 */
export interface StepJob {
  stepId: string;
  executionId: string;
  workflow: { name: string; namespace?: string; active: boolean };
  node: NodeSpec;
  runIndex: number;
  attempt: number;
  /** Input items per input index */
  inputs: Item[][];
  /** Per input, the run that fed it */
  source: Array<SourceRef | null>;
  /** Run data of the node's ancestors: what `$('Node')` and paired items may read */
  runData: RunData;
  /** State this node keeps across its runs (n8n's node context) */
  nodeContext: JsonObject;
  /** The node contexts of its ancestors, which expressions may read (`$node["Loop"].context`) */
  ancestorContexts?: Record<string, JsonObject>;
  mode: ExecutionMode;
  timezone: string;
  /** Workflow variables (`$vars`) and allow-listed environment (`$env`) */
  vars: Record<string, string>;
  env: Record<string, string>;
  resumeUrl?: string;
  /** Injected clock for `$now` and node code: the time the step was dispatched */
  now: number;
  /** The workflow lets its steps use the network (settings.network) */
  network?: boolean;
  /** Resource limits of this step: the node's, else the workflow's default (Kubernetes quantities) */
  limits?: Record<string, string>;
  /** The node's onError lets the workflow continue: nodes then report per-item errors in items */
  isContinueOnFail: boolean;
}

export interface StepLog {
  level: 'log' | 'warn';
  message: string;
}

export type StepResult =
  | {
      ok: true;
      outputs: Item[][];
      nodeContext?: JsonObject;
      logs?: StepLog[];
      executionTime?: number;
      /** The node asked to put the execution to wait (Wait node): until this time, or until resumed */
      wait?: { until?: number };
    }
  | { ok: false; error: StepError; logs?: StepLog[]; executionTime?: number };

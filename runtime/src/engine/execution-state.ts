import type { Item, JsonObject } from '../spec/items.js';
import type { ExecutionMode } from '../spec/execution.js';
import type { WorkflowSpec } from '../spec/workflow.js';
import type { RunData, SourceRef, StepError } from './run-data.js';

export type RunStatus = 'new' | 'running' | 'waiting' | 'success' | 'error' | 'canceled';

/** What the engine knows of a node's shape, resolved from its node type once, when the execution is created. */
export interface NodeShape {
  inputs: number;
  /** Main outputs, plus one error output when onError is continueErrorOutput */
  outputs: number;
  isTrigger: boolean;
  /** Inputs that must carry data before the node runs once nothing else can run; 'any' = at least one */
  requiredInputs: number[] | 'any';
}

/** A node waiting on the execution stack with its input data. */
export interface StackEntry {
  node: string;
  inputs: Item[][];
  source: Array<SourceRef | null>;
}

/** A multi-input node collecting data on its inputs. */
export interface WaitingEntry {
  inputs: Array<Item[] | undefined>;
  source: Array<SourceRef | null>;
}

/** The one step in flight (v1 order runs one node at a time). */
export interface CurrentStep {
  stepId: string;
  entry: StackEntry;
  runIndex: number;
  attempt: number;
  startedAt: number;
  /** The step failed and waits for its retry timer */
  retryTimerId?: string;
  /** The step finished and put the execution to wait; its outputs continue when the wait ends */
  pause?: { outputs: Item[][]; until?: number; timerId?: string };
}

export interface ExecutionError {
  message: string;
  description?: string;
  node?: string;
  reason?: string;
}

/** The complete, JSON-serializable state of one execution. */
export interface ExecutionState {
  executionId: string;
  workflowName: string;
  namespace?: string;
  spec: WorkflowSpec;
  shapes: Record<string, NodeShape>;
  mode: ExecutionMode;
  status: RunStatus;
  startedAt?: number;
  finishedAt?: number;
  runData: RunData;
  stack: StackEntry[];
  /** Multi-input nodes collecting their inputs, in the order they first received data */
  waiting: Array<{ node: string; entry: WaitingEntry }>;
  current?: CurrentStep;
  nodeContext: Record<string, JsonObject>;
  /** Pinned output items by node (manual runs only) */
  pinData: Record<string, Item[]>;
  /** Only these nodes run (a partial run to a destination); undefined = all */
  allowedNodes?: string[];
  lastNodeExecuted?: string;
  error?: ExecutionError;
  vars: Record<string, string>;
  env: Record<string, string>;
}

export type { StepError };

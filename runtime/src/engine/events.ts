import type { Item, JsonObject } from '../spec/items.js';
import type { StepLog } from './step-job.js';
import type { StepError } from './run-data.js';
import type { RunData } from './run-data.js';

/** Facts the engine reacts to. */
export type EngineEvent =
  | ExecutionStarted
  | StepSucceeded
  | StepFailed
  | TimerFired
  | CancelRequested;

export interface ExecutionStarted {
  type: 'executionStarted';
  at: number;
  /** Items given to the start node (trigger data); default one empty item */
  triggerItems?: Item[];
  /** The node to start from; default the workflow's trigger */
  startNode?: string;
  /** Partial run: only what this node needs runs */
  destinationNode?: string;
  /** Partial run: reuse this earlier run data and start from these nodes */
  startNodes?: string[];
  previousRunData?: RunData;
}

export interface StepSucceeded {
  type: 'stepSucceeded';
  at: number;
  stepId: string;
  outputs: Item[][];
  nodeContext?: JsonObject;
  logs?: StepLog[];
  executionTime?: number;
}

export interface StepFailed {
  type: 'stepFailed';
  at: number;
  stepId: string;
  error: StepError;
  logs?: StepLog[];
  executionTime?: number;
}

export interface TimerFired {
  type: 'timerFired';
  at: number;
  timerId: string;
}

export interface CancelRequested {
  type: 'cancelRequested';
  at: number;
  reason?: string;
}

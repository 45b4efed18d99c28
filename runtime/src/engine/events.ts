import type { Item, JsonObject } from '../spec/items.js';
import type { StepLog } from './step-job.js';
import type { StepError } from './run-data.js';
import type { RunData } from './run-data.js';

/** Facts the engine reacts to. */
export type EngineEvent =
  ExecutionStarted | StepSucceeded | StepFailed | TimerFired | ResumeRequested | CancelRequested;

/** A waiting execution is resumed from outside (n8n's resume webhook), optionally with new items for the waiting node. */
export interface ResumeRequested {
  type: 'resumeRequested';
  at: number;
  items?: Item[];
}

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
  /** The node puts the execution to wait; its outputs go on when the wait ends */
  wait?: { until?: number };
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

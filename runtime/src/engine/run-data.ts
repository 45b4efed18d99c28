import type { Item, JsonObject } from '../spec/items.js';

/** Which earlier node run fed an input of a node run (n8n's ISourceData). */
export interface SourceRef {
  previousNode: string;
  previousNodeOutput: number;
  previousNodeRun: number;
}

/** A serializable error of a step, with what a user needs to fix it. */
export interface StepError {
  name: string;
  message: string;
  description?: string;
  node?: string;
  /** A machine-readable reason: `timeout`, `memory`, `crash`, `parameters`, `expression`, `node` */
  reason?: string;
  context?: JsonObject;
  stack?: string;
}

export type NodeRunStatus = 'success' | 'error' | 'canceled';

/** One run of one node, addressable as (node, runIndex); its items per output in `data.main`. */
export interface NodeRun {
  startTime: number;
  executionTime: number;
  executionStatus: NodeRunStatus;
  /** Per input: the run that fed it (null for the start node) */
  source: Array<SourceRef | null>;
  data?: { main: Item[][] };
  error?: StepError;
  /** The node's output came from pinned data instead of running it */
  pinned?: boolean;
}

/** Run data of an execution: for every node that ran, its runs in order. */
export type RunData = Record<string, NodeRun[]>;

/** Items on one output of one run, or undefined when that run or output does not exist. */
export function outputItems(
  runData: RunData,
  node: string,
  runIndex: number,
  output: number,
): Item[] | undefined {
  return runData[node]?.[runIndex]?.data?.main[output];
}

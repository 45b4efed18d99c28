import type { Item } from '../spec/items.js';
import type { NodeRun, StepError } from './run-data.js';
import type { StackEntry } from './execution-state.js';
import type { Transition } from './transition.js';
import { enqueueChildren } from './enqueue-children.js';

export interface RunOutcome {
  outputs: Item[][];
  startTime: number;
  error?: StepError;
  pinned?: boolean;
}

/** Records a finished run of a node and queues its children with the items it output. */
export function recordRun(t: Transition, entry: StackEntry, outcome: RunOutcome): void {
  const s = t.state;
  const shape = s.shapes[entry.node];
  const outputs = padOutputs(outcome.outputs, shape?.outputs ?? 1);
  const run: NodeRun = {
    startTime: outcome.startTime,
    executionTime: Math.max(0, t.at - outcome.startTime),
    executionStatus: outcome.error ? 'error' : 'success',
    source: entry.source,
    data: { main: outputs },
    ...(outcome.error ? { error: outcome.error } : {}),
    ...(outcome.pinned ? { pinned: true } : {}),
  };
  const runs = s.runData[entry.node] ?? [];
  const runIndex = runs.length;
  s.runData[entry.node] = [...runs, run];
  s.lastNodeExecuted = entry.node;
  enqueueChildren(t, entry.node, runIndex, outputs);
}

function padOutputs(outputs: Item[][], count: number): Item[][] {
  if (outputs.length >= count) return outputs;
  return [...outputs, ...Array.from({ length: count - outputs.length }, () => [] as Item[])];
}

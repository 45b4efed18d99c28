import type { Item } from '../spec/items.js';
import type { ExecutionState, StackEntry } from './execution-state.js';
import type { Transition } from './transition.js';
import { dispatchStep } from './dispatch-step.js';
import { finish } from './finish.js';
import { graphOf } from './graph-of.js';
import { recordRun } from './record-run.js';

/**
 * Runs what can run without a step (pinned and disabled nodes) and dispatches the next step,
 * or finishes the execution when nothing is left.
 */
export function scheduleNext(t: Transition): void {
  const s = t.state;
  while (s.status === 'running' && !s.current) {
    const entry = s.stack.shift() ?? settleWaiting(s);
    if (!entry) {
      finish(t, 'success');
      return;
    }
    const pinned = s.pinData[entry.node];
    if (pinned) {
      recordRun(t, entry, {
        outputs: [withPairedItems(pinned, entry.inputs[0]?.length ?? 0)],
        startTime: t.at,
        pinned: true,
      });
      continue;
    }
    if (graphOf(s.spec).node(entry.node).disabled) {
      // A disabled node passes the items of its first input through, as in n8n.
      recordRun(t, entry, { outputs: [entry.inputs[0] ?? []], startTime: t.at });
      continue;
    }
    dispatchStep(t, entry, s.runData[entry.node]?.length ?? 0, 1);
  }
}

/**
 * When nothing else can run, a multi-input node that got data on some inputs runs with what it has,
 * provided its required inputs have data (n8n v1: inputs are settled once the stack is empty).
 */
function settleWaiting(s: ExecutionState): StackEntry | undefined {
  while (s.waiting.length > 0) {
    const { node, entry } = s.waiting.shift()!;
    const has = (i: number) => (entry.inputs[i]?.length ?? 0) > 0;
    const required = s.shapes[node]?.requiredInputs ?? 'any';
    const satisfied = required === 'any' ? entry.inputs.some((_, i) => has(i)) : required.every(has);
    if (!satisfied) continue;
    return { node, inputs: entry.inputs.map((items) => items ?? []), source: entry.source };
  }
  return undefined;
}

function withPairedItems(items: Item[], inputCount: number): Item[] {
  return items.map((item, i) =>
    item.pairedItem !== undefined
      ? item
      : { ...item, pairedItem: { item: inputCount === items.length ? i : 0 } },
  );
}

import type { ExecutionStarted } from './events.js';
import type { ExecutionState, StackEntry } from './execution-state.js';
import type { Transition } from './transition.js';
import type { RunData, SourceRef } from './run-data.js';
import { WORKFLOW_TIMEOUT_TIMER } from './commands.js';
import { findSubgraph } from '../graph/find-subgraph.js';
import { finish } from './finish.js';
import { graphOf } from './graph-of.js';
import { scheduleNext } from './schedule-next.js';

export function onExecutionStarted(t: Transition, e: ExecutionStarted): void {
  const s = t.state;
  if (s.status !== 'new') return;
  s.status = 'running';
  s.startedAt = e.at;
  const timeout = s.spec.settings?.timeout;
  if (timeout)
    t.commands.push({ type: 'startTimer', timerId: WORKFLOW_TIMEOUT_TIMER, fireAt: e.at + timeout * 1000 });

  const start = e.startNode ?? findStartNode(s);
  if (!start || !graphOf(s.spec).hasNode(start)) {
    finish(t, 'error', {
      message: `workflow '${s.workflowName}' has no node to start from${start ? ` ('${start}')` : ''}`,
    });
    return;
  }
  if (e.destinationNode) {
    const subgraph = findSubgraph(graphOf(s.spec), start, e.destinationNode);
    if (subgraph.size === 0) {
      finish(t, 'error', {
        message: `node '${e.destinationNode}' cannot be reached from '${start}' in workflow '${s.workflowName}'`,
      });
      return;
    }
    s.allowedNodes = [...subgraph];
  }
  if (e.startNodes?.length && e.previousRunData) {
    s.runData = reusableRunData(s, e.previousRunData, e.startNodes);
    s.stack.push(...e.startNodes.map((node) => entryFromParents(s, node)));
  } else {
    s.stack.push({ node: start, inputs: [e.triggerItems ?? [{ json: {} }]], source: [null] });
  }
  scheduleNext(t);
}

/** The node an execution starts from: a trigger (Manual Trigger first in manual runs), else the first root. */
export function findStartNode(s: Pick<ExecutionState, 'spec' | 'shapes' | 'mode'>): string | undefined {
  const nodes = s.spec.nodes.filter((n) => !n.disabled);
  const triggers = nodes.filter((n) => s.shapes[n.name]?.isTrigger);
  const manual = triggers.find((n) => n.type === 'manualTrigger');
  if (s.mode === 'manual' && manual) return manual.name;
  if (triggers[0]) return triggers[0].name;
  const graph = graphOf(s.spec);
  return nodes.find((n) => graph.inEdges(n.name).length === 0)?.name;
}

/** Run data of nodes before the start nodes, kept from the earlier run; the start nodes and after run again. */
function reusableRunData(s: ExecutionState, previous: RunData, startNodes: string[]): RunData {
  const graph = graphOf(s.spec);
  const rerun = new Set(startNodes);
  for (const n of startNodes) for (const d of graph.descendants(n)) rerun.add(d);
  const kept: RunData = {};
  for (const [node, runs] of Object.entries(previous)) if (!rerun.has(node)) kept[node] = runs;
  return kept;
}

/** A start node of a partial run gets the last output of each parent that ran. */
function entryFromParents(s: ExecutionState, node: string): StackEntry {
  const inputCount = s.shapes[node]?.inputs ?? 1;
  const inputs = Array.from({ length: Math.max(1, inputCount) }, () => [] as StackEntry['inputs'][number]);
  const source: Array<SourceRef | null> = inputs.map(() => null);
  for (const edge of graphOf(s.spec).inEdges(node)) {
    const runs = s.runData[edge.from];
    if (!runs?.length) continue;
    const previousNodeRun = runs.length - 1;
    inputs[edge.input] = runs[previousNodeRun]!.data?.main[edge.output] ?? [];
    source[edge.input] = { previousNode: edge.from, previousNodeOutput: edge.output, previousNodeRun };
  }
  if (graphOf(s.spec).inEdges(node).length === 0) inputs[0] = [{ json: {} }];
  return { node, inputs, source };
}

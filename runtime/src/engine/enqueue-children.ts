import type { Item } from '../spec/items.js';
import type { GraphEdge } from '../graph/directed-graph.js';
import type { ExecutionState, StackEntry } from './execution-state.js';
import type { SourceRef } from './run-data.js';
import type { Transition } from './transition.js';
import { graphOf } from './graph-of.js';

/**
 * Queues the children of a node run that got items (n8n: a node with no input items does not run).
 * In v1 order the children go to the front of the stack, top-left first by canvas position, so each
 * branch runs to completion before the next. Multi-input children collect their inputs while waiting.
 */
export function enqueueChildren(t: Transition, node: string, runIndex: number, outputs: Item[][]): void {
  const s = t.state;
  const allowed = s.allowedNodes ? new Set(s.allowedNodes) : undefined;
  const edges = graphOf(s.spec)
    .outEdges(node)
    .filter((e) => (outputs[e.output]?.length ?? 0) > 0 && (!allowed || allowed.has(e.to)));
  const v1 = (s.spec.settings?.executionOrder ?? 'v1') === 'v1';
  const ordered = v1 ? sortByPosition(s, edges) : edges;

  const ready: StackEntry[] = [];
  for (const edge of ordered) {
    const items = outputs[edge.output]!;
    const source: SourceRef = {
      previousNode: node,
      previousNodeOutput: edge.output,
      previousNodeRun: runIndex,
    };
    const inputs = s.shapes[edge.to]?.inputs ?? 1;
    if (inputs <= 1) {
      ready.push({ node: edge.to, inputs: [items], source: [source] });
      continue;
    }
    const complete = collectInput(s, edge, items, source, inputs);
    if (complete) ready.push(complete);
    else if (!v1) ready.push(...forceRootInputs(s, edge.to, node));
  }
  if (v1) s.stack.unshift(...ready);
  else s.stack.push(...ready);
}

/** Adds items to a waiting multi-input node; returns its stack entry once every input has data. */
function collectInput(
  s: ExecutionState,
  edge: GraphEdge,
  items: Item[],
  source: SourceRef,
  inputCount: number,
): StackEntry | undefined {
  let index = s.waiting.findIndex((w) => w.node === edge.to && w.entry.inputs[edge.input] === undefined);
  if (index < 0) {
    s.waiting.push({
      node: edge.to,
      entry: { inputs: Array(inputCount).fill(undefined), source: Array(inputCount).fill(null) },
    });
    index = s.waiting.length - 1;
  }
  const waiting = s.waiting[index]!;
  waiting.entry.inputs[edge.input] = items;
  waiting.entry.source[edge.input] = source;
  if (waiting.entry.inputs.some((i) => i === undefined)) return undefined;
  s.waiting.splice(index, 1);
  return { node: edge.to, inputs: waiting.entry.inputs as Item[][], source: waiting.entry.source };
}

/**
 * n8n's legacy v0 order (forceInputNodeExecution): when a multi-input node waits for an input whose source is a
 * root node (no inputs of its own) that has not run and is not queued, that root runs now with one empty item.
 */
function forceRootInputs(s: ExecutionState, node: string, from: string): StackEntry[] {
  const graph = graphOf(s.spec);
  const queued = new Set(s.stack.map((e) => e.node));
  const forced: StackEntry[] = [];
  for (const edge of graph.inEdges(node)) {
    const parent = edge.from;
    if (parent === from || queued.has(parent) || s.runData[parent] || graph.inEdges(parent).length > 0) continue;
    if (graph.node(parent).disabled) continue;
    queued.add(parent);
    forced.push({ node: parent, inputs: [[{ json: {} }]], source: [null] });
  }
  return forced;
}

/** Top-to-bottom, then left-to-right, by the destination's canvas position; declaration order otherwise. */
function sortByPosition(s: ExecutionState, edges: GraphEdge[]): GraphEdge[] {
  const graph = graphOf(s.spec);
  const position = (name: string) => graph.node(name).position;
  return [...edges].sort((a, b) => {
    const pa = position(a.to);
    const pb = position(b.to);
    if (!pa || !pb) return 0;
    return pa[1]! - pb[1]! || pa[0]! - pb[0]!;
  });
}

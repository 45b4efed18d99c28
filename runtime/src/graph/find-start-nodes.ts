import type { DirectedGraph } from './directed-graph.js';
import { findSubgraph } from './find-subgraph.js';

/** What is known from an earlier run when planning a partial run. */
export interface PartialRunInputs {
  trigger: string;
  destination: string;
  /** Nodes that have run data from an earlier execution */
  hasRunData: ReadonlySet<string>;
  /** Nodes with pinned data */
  pinned: ReadonlySet<string>;
  /** Nodes whose parameters changed since their run data was made */
  changed?: ReadonlySet<string>;
}

/** A node is dirty when its earlier output cannot be reused: it never ran, or it changed. Pinned nodes are clean. */
export function isDirty(node: string, inputs: Pick<PartialRunInputs, 'hasRunData' | 'pinned' | 'changed'>): boolean {
  if (inputs.pinned.has(node)) return false;
  if (inputs.changed?.has(node)) return true;
  return !inputs.hasRunData.has(node);
}

/** Nodes within the subgraph that are dirty, or that have a dirty ancestor within it. */
export function findDirtyNodes(graph: DirectedGraph, inputs: PartialRunInputs): Set<string> {
  const subgraph = findSubgraph(graph, inputs.trigger, inputs.destination);
  const dirty = new Set<string>();
  for (const node of subgraph) {
    if (!isDirty(node, inputs)) continue;
    dirty.add(node);
    for (const d of graph.descendants(node)) if (subgraph.has(d)) dirty.add(d);
  }
  return dirty;
}

/**
 * Where a partial run starts (n8n's partial execution v2): walking from the trigger towards the destination,
 * the first dirty node on each path. When nothing on the way is dirty, the destination itself is run again.
 */
export function findStartNodes(graph: DirectedGraph, inputs: PartialRunInputs): string[] {
  const subgraph = findSubgraph(graph, inputs.trigger, inputs.destination);
  if (subgraph.size === 0) return [];
  const starts = new Set<string>();
  const seen = new Set<string>();
  const queue = [inputs.trigger];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (isDirty(node, inputs) || node === inputs.destination) {
      starts.add(node);
      continue;
    }
    for (const child of graph.children(node)) if (subgraph.has(child)) queue.push(child);
  }
  return [...starts];
}

import type { DirectedGraph } from './directed-graph.js';

/**
 * The nodes needed to run `destination` from `trigger`: every node on some path between them, both included.
 * Empty when the destination cannot be reached from the trigger.
 */
export function findSubgraph(graph: DirectedGraph, trigger: string, destination: string): Set<string> {
  const fromTrigger = graph.descendants(trigger);
  fromTrigger.add(trigger);
  if (!fromTrigger.has(destination)) return new Set();
  const toDestination = graph.ancestors(destination);
  toDestination.add(destination);
  return new Set(graph.nodeNames.filter((n) => fromTrigger.has(n) && toDestination.has(n)));
}

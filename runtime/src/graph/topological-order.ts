import type { DirectedGraph } from './directed-graph.js';
import { stronglyConnectedComponents } from './strongly-connected-components.js';

/**
 * Nodes in topological order. Cycles (loops through Loop Over Items) are condensed: the members of a
 * cycle appear together, in declaration order, where the cycle as a whole belongs.
 */
export function topologicalOrder(graph: DirectedGraph): string[] {
  const components = stronglyConnectedComponents(graph);
  const declared = new Map(graph.nodeNames.map((n, i) => [n, i]));
  return components
    .reverse()
    .flatMap((component) => [...component].sort((a, b) => declared.get(a)! - declared.get(b)!));
}

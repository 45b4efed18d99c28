import { DirectedGraph } from '../graph/directed-graph.js';
import type { WorkflowSpec } from '../spec/workflow.js';

const graphs = new WeakMap<WorkflowSpec, DirectedGraph>();

/** The graph of a spec, built once per spec object (a spec in an execution never changes). */
export function graphOf(spec: WorkflowSpec): DirectedGraph {
  let graph = graphs.get(spec);
  if (!graph) {
    graph = DirectedGraph.fromSpec(spec);
    graphs.set(spec, graph);
  }
  return graph;
}

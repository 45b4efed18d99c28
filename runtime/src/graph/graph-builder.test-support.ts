import type { NodeSpec } from '../spec/workflow.js';
import type { Connection } from '../spec/workflow.js';
import { DirectedGraph } from './directed-graph.js';

/** A small fluent builder for graph tests: `graph().edge('A','B').edge('B','C', {output: 1}).build()`. */
export function graph(...names: string[]) {
  const nodes = new Map<string, NodeSpec>();
  const connections: Connection[] = [];
  const add = (name: string) => {
    if (!nodes.has(name)) nodes.set(name, { name, type: 'noOp', typeVersion: 1, parameters: {} });
  };
  names.forEach(add);
  const builder = {
    edge(from: string, to: string, at: { output?: number; input?: number } = {}) {
      add(from);
      add(to);
      connections.push({ from, to, output: at.output ?? 0, input: at.input ?? 0 });
      return builder;
    },
    path(...chain: string[]) {
      for (let i = 1; i < chain.length; i++) builder.edge(chain[i - 1]!, chain[i]!);
      return builder;
    },
    build: () => new DirectedGraph([...nodes.values()], connections),
    spec: () => ({ nodes: [...nodes.values()], connections }),
  };
  return builder;
}

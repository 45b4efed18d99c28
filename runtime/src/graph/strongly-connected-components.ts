import type { DirectedGraph } from './directed-graph.js';

/**
 * Tarjan's algorithm, iterative so deep graphs cannot overflow the stack.
 * Returns components in reverse topological order of the condensed graph.
 */
export function stronglyConnectedComponents(graph: DirectedGraph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];

  for (const root of graph.nodeNames) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; children: string[]; next: number }> = [];
    const visit = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, children: graph.children(node), next: 0 });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.children.length) {
        const child = frame.children[frame.next++]!;
        if (!index.has(child)) visit(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

/** Components that form cycles: more than one node, or one node with an edge to itself. */
export function findCycles(graph: DirectedGraph): string[][] {
  return stronglyConnectedComponents(graph).filter(
    (c) => c.length > 1 || graph.children(c[0]!).includes(c[0]!),
  );
}

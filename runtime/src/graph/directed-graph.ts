import type { Connection, NodeSpec, WorkflowSpec } from '../spec/workflow.js';

/** An edge between two nodes, with the output and input indexes it uses. */
export interface GraphEdge {
  readonly from: string;
  readonly output: number;
  readonly to: string;
  readonly input: number;
}

/**
 * The workflow as a directed graph over node names. Edge lists keep the order of `spec.connections`,
 * which is the tie-breaker wherever n8n's order does not decide.
 */
export class DirectedGraph {
  private readonly nodesByName = new Map<string, NodeSpec>();
  private readonly outgoing = new Map<string, GraphEdge[]>();
  private readonly incoming = new Map<string, GraphEdge[]>();

  constructor(nodes: readonly NodeSpec[], connections: readonly Connection[]) {
    for (const node of nodes) {
      this.nodesByName.set(node.name, node);
      this.outgoing.set(node.name, []);
      this.incoming.set(node.name, []);
    }
    for (const c of connections) {
      const edge: GraphEdge = { from: c.from, output: c.output ?? 0, to: c.to, input: c.input ?? 0 };
      // Edges to or from unknown nodes are a validation problem, not a graph one: skip them here.
      if (!this.nodesByName.has(edge.from) || !this.nodesByName.has(edge.to)) continue;
      this.outgoing.get(edge.from)!.push(edge);
      this.incoming.get(edge.to)!.push(edge);
    }
  }

  static fromSpec(spec: Pick<WorkflowSpec, 'nodes' | 'connections'>): DirectedGraph {
    return new DirectedGraph(spec.nodes, spec.connections ?? []);
  }

  get nodeNames(): string[] {
    return [...this.nodesByName.keys()];
  }

  hasNode(name: string): boolean {
    return this.nodesByName.has(name);
  }

  node(name: string): NodeSpec {
    const node = this.nodesByName.get(name);
    if (!node) throw new Error(`no node named '${name}' in the workflow`);
    return node;
  }

  outEdges(name: string): readonly GraphEdge[] {
    return this.outgoing.get(name) ?? [];
  }

  inEdges(name: string): readonly GraphEdge[] {
    return this.incoming.get(name) ?? [];
  }

  /** Direct children, each once, in edge order. */
  children(name: string): string[] {
    return unique(this.outEdges(name).map((e) => e.to));
  }

  /** Direct parents, each once, in edge order. */
  parents(name: string): string[] {
    return unique(this.inEdges(name).map((e) => e.from));
  }

  /** Every node reachable backwards from `name` (not including it unless it is on a cycle). */
  ancestors(name: string): Set<string> {
    return this.reach(name, (n) => this.parents(n));
  }

  /** Every node reachable forwards from `name` (not including it unless it is on a cycle). */
  descendants(name: string): Set<string> {
    return this.reach(name, (n) => this.children(n));
  }

  private reach(start: string, next: (n: string) => string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...next(start)];
    while (stack.length > 0) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...next(n));
    }
    return seen;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

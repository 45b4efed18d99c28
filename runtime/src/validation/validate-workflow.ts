import type { z } from 'zod';
import type { NodeTypeRegistry } from '../node-type.js';
import type { JsonObject } from '../spec/items.js';
import { workflowSchema } from '../spec/workflow.js';
import type { Workflow } from '../spec/workflow.js';
import { API_GROUP_VERSION } from '../spec/api-version.js';
import { DirectedGraph } from '../graph/directed-graph.js';
import { findCycles } from '../graph/strongly-connected-components.js';
import { checkExpressionSyntax, isExpression } from '../expression/index.js';
import { formatZodPath } from './format-zod-path.js';
import { closestName } from './closest-name.js';
import { parseQuantity } from '../spec/quantity.js';

type Segments = Array<string | number>;

/** A problem before it is placed in a file: its path as segments. */
export interface LocatedProblem {
  segments: Segments;
  path: string;
  message: string;
}

export interface WorkflowValidation {
  /** The parsed workflow, with defaults, when there are no problems */
  workflow?: Workflow;
  problems: LocatedProblem[];
}

/**
 * Every problem of a Workflow manifest at once: schema, node types and versions, parameters per node type,
 * expression syntax, connections, cycles that do not pass through a loop node, pinned data.
 */
export function validateWorkflow(document: unknown, registry: NodeTypeRegistry): WorkflowValidation {
  const problems: LocatedProblem[] = [];
  const add = (segments: Segments, message: string) =>
    problems.push({ segments, path: formatZodPath(segments), message });

  if (!isObject(document)) {
    add([], `expected a Workflow manifest (apiVersion ${API_GROUP_VERSION}, kind Workflow), got ${describe(document)}`);
    return { problems };
  }
  const parsed = workflowSchema.safeParse(document);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) add(issue.path as Segments, issueMessage(issue));
    return { problems };
  }
  const workflow = parsed.data;
  const { spec } = workflow;
  const name = workflow.metadata.name;

  const firstIndex = new Map<string, number>();
  spec.nodes.forEach((node, i) => {
    const at: Segments = ['spec', 'nodes', i];
    const seen = firstIndex.get(node.name);
    if (seen !== undefined) add([...at, 'name'], `duplicate node name '${node.name}' (also spec.nodes[${seen}])`);
    else firstIndex.set(node.name, i);

    const nodeType = registry.get(node.type);
    if (!nodeType) {
      const hint = closestName(node.type, registry.list().map((t) => t.type));
      add([...at, 'type'], `node '${node.name}': unknown node type '${node.type}'${hint ? ` (did you mean '${hint}'?)` : ''}`);
      return;
    }
    if (!nodeType.versions.includes(node.typeVersion)) {
      add(
        [...at, 'typeVersion'],
        `node '${node.name}': ${node.type} has no typeVersion ${node.typeVersion} (supported: ${nodeType.versions.join(', ')})`,
      );
      return;
    }
    const params = nodeType.parameters(node.typeVersion).safeParse(node.parameters);
    if (!params.success) {
      for (const issue of params.error.issues) {
        add([...at, 'parameters', ...(issue.path as Segments)], `node '${node.name}': ${issueMessage(issue)}`);
      }
    }
    walkExpressions(node.parameters, [...at, 'parameters'], (segments, source) => {
      const problem = checkExpressionSyntax(source);
      if (problem) add(segments, `node '${node.name}': invalid expression: ${problem.message}`);
    });
  });

  const checkResources = (at: Segments, resources: { requests?: Record<string, string>; limits?: Record<string, string> } | undefined) => {
    for (const kind of ['requests', 'limits'] as const) {
      for (const [resource, value] of Object.entries(resources?.[kind] ?? {})) {
        if (parseQuantity(value) === undefined) {
          add([...at, 'resources', kind, resource], `'${value}' is not a Kubernetes quantity (like 500m, 256Mi, 1Gi)`);
        }
      }
    }
  };
  spec.nodes.forEach((node, i) => checkResources(['spec', 'nodes', i], node.resources));
  checkResources(['spec', 'settings'], spec.settings.resources);

  const shapes = new Map(
    spec.nodes.map((node) => {
      const nodeType = registry.get(node.type);
      if (!nodeType || !nodeType.versions.includes(node.typeVersion)) return [node.name, undefined] as const;
      const params = node.parameters as JsonObject;
      const outputs = safeCount(() => nodeType.outputs(params, node.typeVersion));
      const inputs = safeCount(() => nodeType.inputs(params, node.typeVersion));
      const errorOutput = node.onError === 'continueErrorOutput' ? 1 : 0;
      return [node.name, { inputs, outputs: outputs === undefined ? undefined : outputs + errorOutput, loop: nodeType.loopCapable === true }] as const;
    }),
  );

  spec.connections.forEach((c, i) => {
    const at: Segments = ['spec', 'connections', i];
    const from = shapes.get(c.from);
    const to = shapes.get(c.to);
    if (!firstIndex.has(c.from)) add([...at, 'from'], `connection from unknown node '${c.from}'${hintFor(c.from, firstIndex)}`);
    if (!firstIndex.has(c.to)) add([...at, 'to'], `connection to unknown node '${c.to}'${hintFor(c.to, firstIndex)}`);
    if (from?.outputs !== undefined && c.output >= from.outputs) {
      add([...at, 'output'], `node '${c.from}' has ${plural(from.outputs, 'output')} (0..${from.outputs - 1}), not output ${c.output}`);
    }
    if (to?.inputs !== undefined && c.input >= to.inputs) {
      add([...at, 'input'], `node '${c.to}' has ${plural(to.inputs, 'input')}${to.inputs > 0 ? ` (0..${to.inputs - 1})` : ''}, not input ${c.input}`);
    }
  });

  const graph = DirectedGraph.fromSpec(spec);
  for (const cycle of findCycles(graph)) {
    if (cycle.some((n) => shapes.get(n)?.loop)) continue;
    add(['spec', 'connections'], `cycle ${[...cycle, cycle[0]].map((n) => `'${n}'`).join(' → ')} does not pass through a loop node (splitInBatches); only loops may repeat nodes`);
  }

  for (const pinned of Object.keys(spec.pinData ?? {})) {
    if (!firstIndex.has(pinned)) add(['spec', 'pinData', pinned], `pinned data for unknown node '${pinned}'${hintFor(pinned, firstIndex)}`);
  }

  if (problems.length > 0) {
    for (const p of problems) if (!p.message.includes(name)) p.message = `workflow '${name}': ${p.message}`;
    return { problems };
  }
  return { workflow, problems };
}

/** Calls `visit` for every expression string in a parameter tree, with its path. */
export function walkExpressions(value: unknown, at: Segments, visit: (segments: Segments, source: string) => void): void {
  if (isExpression(value)) visit(at, value);
  else if (Array.isArray(value)) value.forEach((v, i) => walkExpressions(v, [...at, i], visit));
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) walkExpressions(v, [...at, k], visit);
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
  return issue.message;
}

function hintFor(name: string, known: Map<string, number>): string {
  const hint = closestName(name, [...known.keys()]);
  return hint ? ` (did you mean '${hint}'?)` : '';
}

function safeCount(fn: () => number): number | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

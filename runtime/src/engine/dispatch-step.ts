import type { Item, JsonObject } from '../spec/items.js';
import type { NodeSpec } from '../spec/workflow.js';
import type { RunData } from './run-data.js';
import type { ExecutionState, StackEntry } from './execution-state.js';
import type { StepJob } from './step-job.js';
import type { Transition } from './transition.js';
import { graphOf } from './graph-of.js';

/** Deterministic step id: the same (execution, node, run, attempt) always gets the same id. */
export function stepIdOf(executionId: string, node: string, runIndex: number, attempt: number): string {
  return `${executionId}/${node}/${runIndex}/${attempt}`;
}

/** Makes `entry` the step in flight and asks the driver to run it. */
export function dispatchStep(t: Transition, entry: StackEntry, runIndex: number, attempt: number): void {
  const s = t.state;
  const stepId = stepIdOf(s.executionId, entry.node, runIndex, attempt);
  s.current = { stepId, entry, runIndex, attempt, startedAt: s.current?.startedAt ?? t.at };
  t.commands.push({ type: 'dispatchStep', job: buildJob(s, entry, stepId, runIndex, attempt, t.at) });
}

function buildJob(
  s: ExecutionState,
  entry: StackEntry,
  stepId: string,
  runIndex: number,
  attempt: number,
  now: number,
): StepJob {
  const node = graphOf(s.spec).node(entry.node);
  const limits = node.resources?.limits ?? s.spec.settings?.resources?.limits;
  const inputs: Item[][] = node.executeOnce ? entry.inputs.map((items) => items.slice(0, 1)) : entry.inputs;
  return {
    stepId,
    executionId: s.executionId,
    workflow: {
      name: s.workflowName,
      ...(s.namespace ? { namespace: s.namespace } : {}),
      active: s.spec.active ?? false,
    },
    node,
    runIndex,
    attempt,
    inputs,
    source: entry.source,
    runData: ancestorRunData(s, entry.node),
    ...ancestorContexts(s, entry.node),
    nodeContext: s.nodeContext[entry.node] ?? {},
    mode: s.mode,
    timezone: s.spec.settings?.timezone ?? 'UTC',
    vars: s.vars,
    env: s.env,
    now,
    ...(limits ? { limits } : {}),
    ...(s.spec.settings?.network ? { network: true } : {}),
    isContinueOnFail: node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput',
  };
}

function ancestorContexts(s: ExecutionState, node: string): { ancestorContexts?: Record<string, JsonObject> } {
  const contexts: Record<string, JsonObject> = {};
  for (const name of graphOf(s.spec).ancestors(node)) {
    const context = s.nodeContext[name];
    if (context && Object.keys(context).length > 0) contexts[name] = context;
  }
  return Object.keys(contexts).length > 0 ? { ancestorContexts: contexts } : {};
}

/** Only the run data expressions of this node may read: its ancestors' (and its own earlier runs). */
function ancestorRunData(s: ExecutionState, node: string): RunData {
  const result: RunData = {};
  if (!readsOtherNodes(graphOf(s.spec).node(node))) return result;
  const names = graphOf(s.spec).ancestors(node);
  names.add(node);
  for (const name of names) {
    const runs = s.runData[name];
    if (runs) result[name] = runs;
  }
  return result;
}

/** Node types whose user code may read any other node's data (`$('Node')` inside code is not visible to a scan). */
const CODE_NODE_TYPES = new Set(['code', 'function', 'functionItem', 'executeWorkflow']);
const READS_OTHER_NODES = /\$\(|\$node\b|\$items\b|\$item\s*\(|\$data\b/;

/**
 * Whether a step may read other nodes' run data: Code-like nodes always may; others only when an expression in
 * their parameters refers to another node. Steps that cannot are sent without it: run data is most of a job's
 * size, and every byte crosses a process boundary or NATS.
 */
export function readsOtherNodes(node: NodeSpec): boolean {
  if (CODE_NODE_TYPES.has(node.type)) return true;
  return READS_OTHER_NODES.test(JSON.stringify(node.parameters ?? {}));
}

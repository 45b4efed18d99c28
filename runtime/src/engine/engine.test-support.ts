import { z } from 'zod';
import type { NodeType, NodeTypeRegistry } from '../node-type.js';
import type { Item, JsonObject } from '../spec/items.js';
import type { Connection, NodeSpec, WorkflowSpec } from '../spec/workflow.js';
import type { EngineCommand } from './commands.js';
import type { EngineEvent } from './events.js';
import type { ExecutionState } from './execution-state.js';
import type { StepJob } from './step-job.js';
import type { StepError } from './run-data.js';
import { advance } from './advance.js';
import { createExecution } from './create-execution.js';
import type { ExecutionMode } from '../spec/execution.js';

function nodeType(type: string, inputs: number, outputs: number, extra: Partial<NodeType> = {}): NodeType {
  return {
    type,
    n8nType: `test.${type}`,
    displayName: type,
    versions: [1],
    inputs: () => inputs,
    outputs: () => outputs,
    parameters: () => z.looseObject({}) as unknown as z.ZodType<JsonObject>,
    execute: (_ctx, items) => [items[0] ?? []],
    ...extra,
  };
}

/** Node types with just a shape: trigger, pass (1→1), branch (1→2), join (2→1), loop (1→2, may cycle). */
export const testRegistry: NodeTypeRegistry = (() => {
  const types = [
    nodeType('trigger', 0, 1, { isTrigger: true }),
    nodeType('pass', 1, 1),
    nodeType('branch', 1, 2),
    nodeType('join', 2, 1),
    nodeType('loop', 1, 2, { loopCapable: true }),
  ];
  const byName = new Map(types.map((t) => [t.type, t]));
  return { get: (t) => byName.get(t), byN8nType: () => undefined, list: () => types };
})();

/** A spec from `[name, type, extra]` nodes and `A>B`, `A:1>B:0` edges. */
export function spec(
  nodes: Array<[string, string, Partial<NodeSpec>?]>,
  edges: string[],
  extra: Partial<WorkflowSpec> = {},
): WorkflowSpec {
  const connections: Connection[] = edges.map((edge) => {
    const [from, to] = edge.split('>') as [string, string];
    const [fromName, output] = from.split(':');
    const [toName, input] = to.split(':');
    return { from: fromName!, output: Number(output ?? 0), to: toName!, input: Number(input ?? 0) };
  });
  return {
    nodes: nodes.map(([name, type, more]) => ({ name, type, typeVersion: 1, parameters: {}, ...more })),
    connections,
    settings: { executionOrder: 'v1' },
    ...extra,
  };
}

export type Behaviour = (
  job: StepJob,
) =>
  { outputs: Item[][]; nodeContext?: JsonObject; wait?: { until?: number } } | { error: StepError } | 'hang';

export const items = (...values: number[]): Item[] => values.map((v) => ({ json: { v } }));

/**
 * Feeds hand-made events to the pure core, answering each dispatched step with `behaviour` and firing
 * timers in time order, until the execution finishes or nothing more can happen. Records everything.
 */
export function runScripted(
  workflowSpec: WorkflowSpec,
  behaviour: Behaviour = (job) => ({ outputs: [job.inputs[0] ?? []] }),
  options: {
    mode?: ExecutionMode;
    triggerItems?: Item[];
    destinationNode?: string;
    afterStart?: EngineEvent[];
  } = {},
) {
  let state: ExecutionState = createExecution({
    executionId: 'ex1',
    workflowName: 'wf',
    spec: workflowSpec,
    registry: testRegistry,
    ...(options.mode ? { mode: options.mode } : {}),
  });
  let now = 1_000;
  const commands: EngineCommand[] = [];
  const jobs: StepJob[] = [];
  const pending: EngineEvent[] = [];
  const timers = new Map<string, number>();
  const apply = (event: EngineEvent) => {
    const next = advance(state, event);
    state = next.state;
    commands.push(...next.commands);
    for (const c of next.commands) {
      if (c.type === 'dispatchStep') {
        jobs.push(c.job);
        const answer = behaviour(c.job);
        if (answer === 'hang') continue;
        now += 5;
        pending.push(
          'error' in answer
            ? { type: 'stepFailed', at: now, stepId: c.job.stepId, error: answer.error }
            : {
                type: 'stepSucceeded',
                at: now,
                stepId: c.job.stepId,
                outputs: answer.outputs,
                ...(answer.nodeContext ? { nodeContext: answer.nodeContext } : {}),
                ...(answer.wait ? { wait: answer.wait } : {}),
              },
        );
      }
      if (c.type === 'startTimer') timers.set(c.timerId, c.fireAt);
      if (c.type === 'cancelTimer') timers.delete(c.timerId);
    }
  };
  apply({
    type: 'executionStarted',
    at: now,
    ...(options.triggerItems ? { triggerItems: options.triggerItems } : {}),
    ...(options.destinationNode ? { destinationNode: options.destinationNode } : {}),
  });
  const idle = [...(options.afterStart ?? [])];
  for (let guard = 0; guard < 10_000; guard++) {
    const event = pending.shift();
    if (event) {
      apply(event);
      continue;
    }
    // Outside events (cancel, resume, late results) arrive when the execution has nothing else to do.
    const outside = idle.shift();
    if (outside) {
      apply(outside);
      continue;
    }
    if ((state.status !== 'running' && state.status !== 'waiting') || timers.size === 0) break;
    const [timerId, fireAt] = [...timers.entries()].sort((a, b) => a[1] - b[1])[0]!;
    timers.delete(timerId);
    now = Math.max(now, fireAt);
    apply({ type: 'timerFired', at: now, timerId });
  }
  const order = jobs.map((j) => j.node.name);
  const output = (node: string, run = 0, out = 0) =>
    state.runData[node]?.[run]?.data?.main[out]?.map((i) => i.json);
  return { state, commands, jobs, order, output };
}

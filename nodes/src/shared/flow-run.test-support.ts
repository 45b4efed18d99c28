import {
  createExecution,
  driveExecution,
  executeStep,
  importN8nWorkflow,
  InProcessStepRunner,
  workflowSpecSchema,
} from '@budflow/runtime';
import type {
  CredentialData,
  ExecutionState,
  Item,
  JsonObject,
  StepJob,
  StepResult,
  Timers,
} from '@budflow/runtime';
import { TEST_NOW, testRegistry } from '../test-support/run-step.test-support.js';

/**
 * Test helpers for the flow nodes: steps with node context, credentials and timers (sub-workflows), and
 * whole workflows (BudFlow specs or n8n exports) through the real engine with timers that fire at once.
 */

/** Timers that fire on the next tick: waits end immediately, in order. */
export const immediateTimers: Timers = {
  set: (_at, callback) => setTimeout(callback, 0),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface FlowStep {
  type: string;
  typeVersion?: number;
  parameters?: JsonObject;
  inputs?: Item[][];
  nodeContext?: JsonObject;
  runIndex?: number;
  continueOnFail?: boolean;
  timezone?: string;
  name?: string;
  credentials?: Record<string, CredentialData>;
}

/** Runs one step the way a runner does, with timers (for sub-workflows) and optional credentials. */
export function runFlowStep(input: FlowStep): Promise<StepResult> {
  const inputs = input.inputs ?? [[{ json: {} }]];
  const job: StepJob = {
    stepId: 'step-1',
    executionId: 'exec-1',
    workflow: { name: 'test-workflow', active: false },
    node: {
      name: input.name ?? 'Node',
      type: input.type,
      typeVersion: input.typeVersion ?? 1,
      parameters: input.parameters ?? {},
    },
    runIndex: input.runIndex ?? 0,
    attempt: 1,
    inputs,
    source: inputs.map(() => null),
    runData: {},
    nodeContext: input.nodeContext ?? {},
    mode: 'manual',
    timezone: input.timezone ?? 'UTC',
    vars: {},
    env: {},
    now: TEST_NOW,
    isContinueOnFail: input.continueOnFail ?? false,
  };
  const credentials = input.credentials;
  return executeStep(job, {
    registry: testRegistry,
    now: () => TEST_NOW,
    timers: immediateTimers,
    ...(credentials
      ? {
          credentials: {
            get: async (_job, type) => {
              const found = credentials[type];
              if (!found) throw new Error(`no credentials of type '${type}'`);
              return found;
            },
          },
        }
      : {}),
  });
}

/** Runs one step and returns its outputs' json; fails with the step error. */
export async function flowOutputs(input: FlowStep): Promise<JsonObject[][]> {
  const result = await runFlowStep(input);
  if (!result.ok) throw new Error(`step failed: ${result.error.message}`);
  return result.outputs.map((items) => items.map((item) => item.json));
}

/** Runs one step expected to fail and returns its error. */
export async function flowError(input: FlowStep) {
  const result = await runFlowStep(input);
  if (result.ok) throw new Error(`step succeeded with ${JSON.stringify(result.outputs)}`);
  return result.error;
}

export interface FlowRun {
  state: ExecutionState;
  /** Output `output` (default 0) of the last run of a node, as json */
  json(node: string, output?: number): JsonObject[];
  /** Output `output` of one run of a node, as items */
  items(node: string, runIndex?: number, output?: number): Item[];
  runs(node: string): number;
}

/** Runs a BudFlow workflow spec, or an n8n export (without its pinData), through the engine in process. */
export async function runFlow(source: JsonObject, triggerItems: Item[] = [{ json: {} }]): Promise<FlowRun> {
  const spec = Array.isArray(source.connections)
    ? workflowSpecSchema.parse(source)
    : importN8nWorkflow({ ...source, pinData: undefined }, testRegistry, { keepPinData: false }).workflow
        .spec;
  const state = createExecution({
    executionId: 'exec-1',
    workflowName: 'flow',
    spec,
    registry: testRegistry,
  });
  const final = await driveExecution(
    state,
    { triggerItems },
    {
      runner: new InProcessStepRunner({
        registry: testRegistry,
        now: () => TEST_NOW,
        timers: immediateTimers,
      }),
      clock: { now: () => TEST_NOW },
      timers: immediateTimers,
    },
  );
  const items = (node: string, runIndex?: number, output = 0) => {
    const runs = final.runData[node] ?? [];
    return runs[runIndex ?? runs.length - 1]?.data?.main[output] ?? [];
  };
  return {
    state: final,
    json: (node, output = 0) => items(node, undefined, output).map((item) => item.json),
    items,
    runs: (node) => final.runData[node]?.length ?? 0,
  };
}

import { executeStep } from '@budflow/runtime';
import type {
  ExecutionMode,
  Item,
  JsonObject,
  NodeSpec,
  RunData,
  SourceRef,
  StepJob,
  StepResult,
} from '@budflow/runtime';
import { createNodeRegistry } from '../registry.js';

/** A fixed clock for tests: 2024-01-02T03:04:05Z. */
export const TEST_NOW = Date.UTC(2024, 0, 2, 3, 4, 5);

export const testRegistry = createNodeRegistry();

export interface StepInput {
  type: string;
  typeVersion?: number;
  parameters?: JsonObject;
  /** Items per input; a bare list is input 0 */
  inputs?: Item[][];
  continueOnFail?: boolean;
  mode?: ExecutionMode;
  runData?: RunData;
  source?: Array<SourceRef | null>;
  name?: string;
  signal?: AbortSignal;
}

/** Runs one node the way a runner does (`executeStep`), from a hand-made StepJob. */
export function runStep(input: StepInput): Promise<StepResult> {
  const node: NodeSpec = {
    name: input.name ?? 'Node',
    type: input.type,
    typeVersion: input.typeVersion ?? 1,
    parameters: input.parameters ?? {},
  };
  const inputs = input.inputs ?? [[{ json: {} }]];
  const job: StepJob = {
    stepId: 'step-1',
    executionId: 'exec-1',
    workflow: { name: 'test-workflow', active: false },
    node,
    runIndex: 0,
    attempt: 1,
    inputs,
    source: input.source ?? inputs.map(() => null),
    runData: input.runData ?? {},
    nodeContext: {},
    mode: input.mode ?? 'manual',
    timezone: 'UTC',
    vars: {},
    env: {},
    now: TEST_NOW,
    isContinueOnFail: input.continueOnFail ?? false,
  };
  return executeStep(job, { registry: testRegistry, ...(input.signal ? { signal: input.signal } : {}) });
}

/** Runs one node and returns its outputs' json, failing the test with the step error if it failed. */
export async function outputsOf(input: StepInput): Promise<JsonObject[][]> {
  const result = await runStep(input);
  if (!result.ok)
    throw new Error(
      `step failed: ${result.error.message}${result.error.description ? ` (${result.error.description})` : ''}`,
    );
  return result.outputs.map((items) => items.map((item) => item.json));
}

/** Runs one node expected to fail and returns its error. */
export async function errorOf(input: StepInput) {
  const result = await runStep(input);
  if (result.ok) throw new Error(`step succeeded with ${JSON.stringify(result.outputs)}`);
  return result.error;
}

/** Items from json objects. */
export const jsonItems = (...values: JsonObject[]): Item[] => values.map((json) => ({ json }));

/** The json of the first item on output 0. */
export async function firstOutput(input: StepInput): Promise<JsonObject | undefined> {
  return (await outputsOf(input))[0]?.[0];
}

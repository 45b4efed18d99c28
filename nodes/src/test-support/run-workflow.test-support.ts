import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createExecution, driveExecution, importN8nWorkflow, InProcessStepRunner } from '@budflow/runtime';
import type { ExecutionState, Item, JsonObject, NodeTypeRegistry } from '@budflow/runtime';
import { TEST_NOW, testRegistry } from './run-step.test-support.js';

/** Where the n8n conformance fixtures live (see /work/shared/conformance/README.md). */
export const CONFORMANCE_DIR = fileURLToPath(new URL('../../../../shared/conformance/n8n', import.meta.url));

export interface WorkflowRun {
  state: ExecutionState;
  /** Output `output` (default 0) of the last run of a node, as json */
  json(node: string, output?: number): JsonObject[];
  /** How many times a node ran */
  runs(node: string): number;
}

/** Runs an exported n8n workflow through the real engine in process (its pinData and `trigger` removed). */
export async function runN8nWorkflow(
  source: JsonObject,
  registry: NodeTypeRegistry = testRegistry,
): Promise<WorkflowRun> {
  const {
    pinData: _expected,
    trigger,
    ...workflow
  } = source as JsonObject & { trigger?: { mode?: string; input?: Item } };
  const { workflow: manifest } = importN8nWorkflow(workflow, registry, {
    name: 'conformance',
    keepPinData: false,
  });
  const state = createExecution({
    executionId: 'exec-1',
    workflowName: manifest.metadata.name,
    spec: manifest.spec,
    registry,
    mode: trigger?.mode === 'production' ? 'production' : 'manual',
  });
  const final = await driveExecution(
    state,
    { triggerItems: [trigger?.input ?? { json: {} }] },
    {
      runner: new InProcessStepRunner({ registry, now: () => TEST_NOW }),
      clock: { now: () => TEST_NOW },
      timers: {
        set: (_at, callback) => setTimeout(callback, 0),
        clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
      },
    },
  );
  return {
    state: final,
    json: (node, output = 0) =>
      (final.runData[node]?.at(-1)?.data?.main[output] ?? []).map((item) => item.json),
    runs: (node) => final.runData[node]?.length ?? 0,
  };
}

/** A fixture file of the conformance suite, parsed. */
export function loadFixture(path: string): JsonObject {
  return JSON.parse(readFileSync(`${CONFORMANCE_DIR}/${path}`, 'utf8')) as JsonObject;
}

/** Items' json as the conformance suite compares them: `undefined` values dropped, errors by message/name/description/context. */
export function comparable(items: unknown[]): unknown[] {
  return JSON.parse(
    JSON.stringify(items.map((item) => (item as { json?: unknown }).json ?? item)),
  ) as unknown[];
}

/** Runs a conformance fixture and checks output 0 of each pinned node against n8n's pinned items. */
export async function expectFixtureToConform(file: string): Promise<WorkflowRun> {
  const fixture = loadFixture(file);
  const run = await runN8nWorkflow(fixture);
  expect(run.state.status).toBe('success');
  for (const [node, expected] of Object.entries(fixture.pinData as Record<string, unknown[]>)) {
    expect({ node, output: comparable(run.json(node)) }).toEqual({ node, output: comparable(expected) });
  }
  return run;
}

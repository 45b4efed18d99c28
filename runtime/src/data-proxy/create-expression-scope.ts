import { DateTime } from 'luxon';
import type { Item, JsonObject } from '../spec/items.js';
import type { RunData, SourceRef } from '../engine/run-data.js';
import type { StepJob } from '../engine/step-job.js';
import { ExpressionDataError } from './expression-data-error.js';
import { resolvePairedItem } from './paired-item.js';

/** The `$`-variables an expression sees for one item of one step. */
export type { ExpressionScope } from '../expression/index.js';
import type { ExpressionScope } from '../expression/index.js';

/** Everything about a step that does not change from item to item, computed once per step. */
export interface StepScopeBase {
  job: StepJob;
  /** The node's parameters with defaults, not evaluated (`$parameter`) */
  parameters: JsonObject;
  shared: ExpressionScope;
}

export function createStepScopeBase(job: StepJob, parameters: JsonObject): StepScopeBase {
  const now = DateTime.fromMillis(job.now, { zone: job.timezone });
  const prev = job.source[0];
  const shared: ExpressionScope = {
    $now: now,
    $today: now.startOf('day'),
    $runIndex: job.runIndex,
    $workflow: { id: job.workflow.name, name: job.workflow.name, active: job.workflow.active },
    $execution: {
      id: job.executionId,
      mode: job.mode === 'manual' ? 'test' : 'production',
      resumeUrl: job.resumeUrl,
      customData: { get: () => undefined, getAll: () => ({}), set: () => undefined, setAll: () => undefined },
    },
    $vars: { ...job.vars },
    $env: { ...job.env },
    $parameter: parameters,
    $prevNode: prev
      ? { name: prev.previousNode, outputIndex: prev.previousNodeOutput, runIndex: prev.previousNodeRun }
      : {},
    $nodeVersion: job.node.typeVersion,
    $nodeId: job.node.name,
    $mode: job.mode,
  };
  return { job, parameters, shared };
}

/**
 * The scope for item `itemIndex` of input `inputIndex` (default 0). Expressions run once per item, so this is a
 * hot path: the per-item object only holds the index; everything else comes from a per-step prototype whose
 * getters derive the item's variables on access.
 */
export function createExpressionScope(
  base: StepScopeBase,
  itemIndex: number,
  inputIndex = 0,
): ExpressionScope {
  const scope = Object.create(stepPrototype(base, inputIndex)) as ExpressionScope;
  scope.$itemIndex = itemIndex;
  return scope;
}

const prototypes = new WeakMap<StepScopeBase, Map<number, object>>();

function stepPrototype(base: StepScopeBase, inputIndex: number): object {
  let byInput = prototypes.get(base);
  if (!byInput) prototypes.set(base, (byInput = new Map()));
  let proto = byInput.get(inputIndex);
  if (!proto) byInput.set(inputIndex, (proto = buildStepPrototype(base, inputIndex)));
  return proto;
}

type ItemScope = ExpressionScope & { $itemIndex: number };

function buildStepPrototype(base: StepScopeBase, inputIndex: number): object {
  const { job } = base;
  const inputItems = job.inputs[inputIndex] ?? [];
  const source = job.source[inputIndex] ?? null;
  const itemOf = (scope: ItemScope): Item | undefined => inputItems[scope.$itemIndex];
  const proto: Record<string, unknown> = { ...base.shared };
  Object.defineProperties(proto, {
    $json: {
      get(this: ItemScope) {
        return itemOf(this)?.json ?? {};
      },
    },
    $data: {
      get(this: ItemScope) {
        return itemOf(this)?.json ?? {};
      },
    },
    $binary: {
      get(this: ItemScope) {
        return itemOf(this)?.binary ?? {};
      },
    },
    $position: {
      get(this: ItemScope) {
        return this.$itemIndex;
      },
    },
    $input: {
      get(this: ItemScope) {
        return {
          item: itemOf(this),
          all: () => inputItems,
          first: () => inputItems[0],
          last: () => inputItems[inputItems.length - 1],
          params: base.parameters,
          context: job.nodeContext,
        };
      },
    },
    $: {
      get(this: ItemScope) {
        const itemIndex = this.$itemIndex;
        const item = itemOf(this);
        return (name: string) => nodeData(job, base.parameters, name, itemIndex, item, source);
      },
    },
    $node: {
      get(this: ItemScope) {
        const itemIndex = this.$itemIndex;
        return new Proxy(
          {},
          {
            get: (_target, name) => (typeof name === 'string' ? legacyNode(job, name, itemIndex) : undefined),
            has: (_target, name) => typeof name === 'string' && name in job.runData,
          },
        );
      },
    },
    $item: {
      get() {
        return (index: number) => createExpressionScope(base, index, inputIndex);
      },
    },
  });
  proto.$items = (name?: string, outputIndex = 0, runIndex?: number) =>
    name === undefined ? inputItems : outputOf(job.runData, name, outputIndex, runIndex);
  return proto;
}

function nodeData(
  job: StepJob,
  parameters: JsonObject,
  name: string,
  itemIndex: number,
  item: Item | undefined,
  source: SourceRef | null,
) {
  const self = name === job.node.name;
  if (!self && !(name in job.runData)) {
    throw new ExpressionDataError(`Referenced node is unexecuted`, {
      description: `An expression references the node '${name}', but it hasn't been executed yet, or it does not come before '${job.node.name}'.`,
    });
  }
  const defaultOutput = outputTowards(job, name);
  const all = (branchIndex?: number, runIndex?: number) =>
    outputOf(job.runData, name, branchIndex ?? defaultOutput, runIndex);
  const pairedFrom = (index: number) => {
    const start = job.inputs[0]?.[index];
    if (!start)
      throw new ExpressionDataError(`Can't get data for expression`, {
        description: `There is no input item ${index}.`,
      });
    return resolvePairedItem(job.runData, name, { item: start, source: job.source[0] ?? null });
  };
  return {
    get item() {
      if (!item) return undefined;
      return resolvePairedItem(job.runData, name, { item, source });
    },
    all,
    first: (branchIndex?: number, runIndex?: number) => all(branchIndex, runIndex)[0],
    last: (branchIndex?: number, runIndex?: number) => {
      const items = all(branchIndex, runIndex);
      return items[items.length - 1];
    },
    itemMatching: pairedFrom,
    pairedItem: (index?: number) => pairedFrom(index ?? itemIndex),
    get params() {
      return self ? parameters : undefined;
    },
    get isExecuted() {
      return (job.runData[name]?.length ?? 0) > 0;
    },
    get runIndex() {
      return (job.runData[name]?.length ?? 1) - 1;
    },
    get context() {
      return self ? job.nodeContext : (job.ancestorContexts?.[name] ?? {});
    },
  };
}

/** n8n's legacy `$node["Name"]`: the item at the same index in the node's output. */
function legacyNode(job: StepJob, name: string, itemIndex: number) {
  const items = outputOf(job.runData, name, outputTowards(job, name));
  const item = items[itemIndex] ?? items[0];
  return {
    json: item?.json ?? {},
    binary: item?.binary ?? {},
    parameter: name === job.node.name ? job.node.parameters : {},
    runIndex: (job.runData[name]?.length ?? 1) - 1,
    context: name === job.node.name ? job.nodeContext : (job.ancestorContexts?.[name] ?? {}),
  };
}

function outputOf(runData: RunData, name: string, outputIndex = 0, runIndex?: number): Item[] {
  const runs = runData[name];
  if (!runs?.length) return [];
  const run = runs[runIndex ?? runs.length - 1];
  return run?.data?.main[outputIndex] ?? [];
}

/** Which output of `name` leads to the current node: follow the sources of the first input back. */
function outputTowards(job: StepJob, name: string): number {
  let source = job.source[0] ?? null;
  for (let guard = 0; source && guard < 10_000; guard++) {
    if (source.previousNode === name) return source.previousNodeOutput;
    source = job.runData[source.previousNode]?.[source.previousNodeRun]?.source[0] ?? null;
  }
  return 0;
}

import type { NodeTypeRegistry } from '../node-type.js';
import type { ExecutionMode } from '../spec/execution.js';
import { toItems } from '../spec/items.js';
import type { Item, JsonObject } from '../spec/items.js';
import type { WorkflowSpec } from '../spec/workflow.js';
import type { ExecutionState, NodeShape } from './execution-state.js';

export interface CreateExecutionOptions {
  executionId: string;
  workflowName: string;
  namespace?: string;
  spec: WorkflowSpec;
  registry: NodeTypeRegistry;
  mode?: ExecutionMode;
  /** Extra pinned data for this run (n8n's manual partial runs), over the workflow's own */
  pinData?: Record<string, unknown[]>;
  vars?: Record<string, string>;
  env?: Record<string, string>;
}

/**
 * A new execution in state `new`, with each node's shape resolved from its node type.
 * The spec must have passed validation: unknown node types throw here.
 */
export function createExecution(options: CreateExecutionOptions): ExecutionState {
  const mode = options.mode ?? 'manual';
  const shapes: Record<string, NodeShape> = {};
  for (const node of options.spec.nodes) {
    const nodeType = options.registry.get(node.type);
    if (!nodeType)
      throw new Error(
        `workflow '${options.workflowName}': node '${node.name}' has unknown type '${node.type}'`,
      );
    const params = node.parameters as JsonObject;
    const mainOutputs = nodeType.outputs(params, node.typeVersion);
    shapes[node.name] = {
      inputs: nodeType.inputs(params, node.typeVersion),
      outputs: mainOutputs + (node.onError === 'continueErrorOutput' ? 1 : 0),
      isTrigger: nodeType.isTrigger === true,
      requiredInputs: nodeType.requiredInputs?.(params, node.typeVersion) ?? 'any',
    };
  }
  return {
    executionId: options.executionId,
    workflowName: options.workflowName,
    ...(options.namespace !== undefined ? { namespace: options.namespace } : {}),
    spec: options.spec,
    shapes,
    mode,
    status: 'new',
    runData: {},
    stack: [],
    waiting: [],
    nodeContext: {},
    // n8n uses pinned data in manual runs only; production executions always run every node.
    pinData: mode === 'manual' ? pinnedItems({ ...options.spec.pinData, ...options.pinData }) : {},
    vars: options.vars ?? {},
    env: options.env ?? {},
  };
}

function pinnedItems(pinData: Record<string, unknown[] | undefined>): Record<string, Item[]> {
  const result: Record<string, Item[]> = {};
  for (const [node, items] of Object.entries(pinData)) if (items) result[node] = toItems(items);
  return result;
}

import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { Item, JsonObject, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { pairInput } from '../shared/paired-items.js';

const executeWorkflowTriggerV1Parameters = parameters({ events: param.string().default('worklfow_call') });

// 1.1: the inputs the workflow accepts: declared fields, fields of a JSON example, or everything.
const executeWorkflowTriggerV11Parameters = parameters({
  events: param.string().default('worklfow_call'),
  inputSource: param.options(['workflowInputs', 'jsonExample', 'passthrough']).default('workflowInputs'),
  jsonExample: param
    .json()
    .default(
      '{\n  "aField": "a string",\n  "aNumber": 123,\n  "thisFieldAcceptsAnyType": null,\n  "anArray": []\n}',
    ),
  workflowInputs: z
    .looseObject({ values: z.array(z.looseObject({ name: param.string().default('') })).optional() })
    .default({}),
});

/** The names of the declared input fields; undefined when the trigger accepts all data. */
function declaredFields(ctx: NodeExecutionContext): string[] | undefined {
  const source = ctx.node.typeVersion < 1.1 ? 'passthrough' : ctx.getParameter<string>('inputSource', 0);
  if (source === 'workflowInputs') {
    const values = ctx.getParameter<Array<{ name?: unknown }>>('workflowInputs.values', 0, []);
    return values.map((value) => String(value.name ?? ''));
  }
  if (source === 'jsonExample') {
    const raw = ctx.getParameter<unknown>('jsonExample', 0);
    try {
      const example: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
      return example !== null && typeof example === 'object' ? Object.keys(example) : [];
    } catch (error) {
      throw operationError(`The JSON example of '${ctx.node.name}' is not valid JSON`, {
        description: (error as Error).message,
      });
    }
  }
  return undefined;
}

/** Each item trimmed to the declared fields; a declared field the caller did not send is null. */
function toDeclared(items: Item[], fields: string[]): Item[] {
  return items.map((item, index) => {
    const json: JsonObject = Object.fromEntries(fields.map((name) => [name, null]));
    for (const [key, value] of Object.entries(item.json)) if (fields.includes(key)) json[key] = value;
    return { json, pairedItem: { item: index }, ...(item.binary ? { binary: item.binary } : {}) };
  });
}

/** Execute Workflow Trigger: starts a workflow that another workflow runs, with the items it was given. */
export const executeWorkflowTrigger: NodeType = {
  type: 'executeWorkflowTrigger',
  n8nType: 'n8n-nodes-base.executeWorkflowTrigger',
  displayName: 'Execute Workflow Trigger',
  versions: [1, 1.1],
  isTrigger: true,
  inputs: () => 0,
  outputs: () => 1,
  parameters: (typeVersion) =>
    typeVersion < 1.1 ? executeWorkflowTriggerV1Parameters : executeWorkflowTriggerV11Parameters,
  execute: (ctx, inputs) => {
    const items = inputs[0] ?? [{ json: {} }];
    const fields = declaredFields(ctx);
    return [fields === undefined ? pairInput(items) : toDeclared(items, fields)];
  },
};

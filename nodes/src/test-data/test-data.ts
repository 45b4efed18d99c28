import { parameters, param, toItems } from '@budflow/runtime';
import type { NodeType } from '@budflow/runtime';

/**
 * n8n's test helper node `n8n-nodes-testing.testData` (used by n8n's node test workflows): outputs the JSON
 * array (or single object) in its `data` parameter as items, one per element, ignoring its input.
 */
export const testData: NodeType = {
  type: 'testData',
  n8nType: 'n8n-nodes-testing.testData',
  displayName: 'Test Data',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => parameters({ data: param.json().default([]) }),
  execute: (ctx) => [
    toItems(ctx.getParameter('data', 0, [])).map((item) => ({ ...item, pairedItem: { item: 0 } })),
  ],
};

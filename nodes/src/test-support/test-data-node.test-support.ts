import { parameters, param, toItems } from '@budflow/runtime';
import type { NodeType } from '@budflow/runtime';

/** n8n's test helper node `n8n-nodes-testing.testData`: outputs its `data` parameter as items, ignoring its input. */
export const testDataNode: NodeType = {
  type: 'testData',
  n8nType: 'n8n-nodes-testing.testData',
  displayName: 'Test Data',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => parameters({ data: param.json() }),
  execute: (ctx) => [
    toItems(ctx.getParameter('data', 0, [])).map((item) => ({ ...item, pairedItem: { item: 0 } })),
  ],
};

import { param, parameters } from '@budflow/runtime';
import type { Item, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { CodeSandbox } from '../code/code-sandbox.js';
import { functionOutput } from './function-output.js';
import { bareMessage, legacyCopies, legacyError, legacyGlobals } from './legacy-sandbox.js';

const DEFAULT_CODE = `// Code here will run only once, no matter how many input items there are.
// Loop over inputs and add a new field called 'myNewField' to the JSON of each one
for (item of items) {
  item.json.myNewField = 1;
}

return items;`;

const functionParameters = parameters({ functionCode: param.string().default(DEFAULT_CODE) });

async function executeFunction(ctx: NodeExecutionContext, inputs: Item[][]): Promise<Item[][]> {
  const items = legacyCopies(inputs[0] ?? []);
  let sandbox: CodeSandbox | undefined;
  try {
    sandbox = new CodeSandbox(ctx.getParameter<string>('functionCode', 0, ''), ctx.logger, ctx.signal);
    sandbox.define({ ...legacyGlobals(ctx, { items, itemIndex: 0 }, false), items: { value: items } });
    return [functionOutput(await sandbox.run())];
  } catch (error) {
    if (ctx.continueOnFail) return [[{ json: { error: bareMessage(error) } }]];
    throw legacyError(error);
  } finally {
    sandbox?.dispose();
  }
}

/** Function (legacy, replaced by Code): runs JavaScript once over all items (`items`, `$item`, `$node`...). */
export const functionNode: NodeType = {
  type: 'function',
  readsBinaryData: true,
  n8nType: 'n8n-nodes-base.function',
  displayName: 'Function',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => functionParameters,
  execute: executeFunction,
};

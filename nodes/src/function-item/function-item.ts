import { param, parameters } from '@budflow/runtime';
import type { Item, JsonObject, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { CodeSandbox } from '../code/code-sandbox.js';
import { standardize } from '../code/code-output.js';
import type { LegacyItem } from '../function/legacy-sandbox.js';
import { bareMessage, legacyCopies, legacyError, legacyGlobals } from '../function/legacy-sandbox.js';
import { operationError } from '../shared/operation-error.js';

const DEFAULT_CODE = `// Code here will run once per input item.
// Add a new field called 'myNewField' to the JSON of the item
item.myNewField = 1;

return item;`;

const functionItemParameters = parameters({ functionCode: param.string().default(DEFAULT_CODE) });

/** What Function Item code sees besides the `$`-variables: `item` is the item's json, binary by getter/setter. */
function itemGlobals(item: LegacyItem) {
  const binary = () => item.binary;
  const setBinary = (data: Item['binary']) => {
    item.binary = data;
  };
  return {
    item: { value: item.json },
    getBinaryData: { value: binary },
    setBinaryData: { value: async (data: Item['binary']) => setBinary(data) },
    getBinaryDataAsync: { value: async () => binary() },
    setBinaryDataAsync: {
      value: async (data: Item['binary']) => {
        if (!data) throw operationError('No data was provided to setBinaryDataAsync (data: IBinaryKeyData).');
        setBinary(data);
      },
    },
  };
}

/** Runs the code for one item; the error says where (line, item) as Function Item says it. */
async function runForItem(
  ctx: NodeExecutionContext,
  sandbox: CodeSandbox,
  items: LegacyItem[],
  itemIndex: number,
): Promise<Item> {
  const item = items[itemIndex]!;
  sandbox.define({ ...legacyGlobals(ctx, { items, itemIndex }, true), ...itemGlobals(item) });
  const result = await sandbox.run(itemIndex);
  if (result === undefined || result === null)
    throw operationError('No data got returned. Always an object has to be returned!');
  if (typeof result !== 'object' || Array.isArray(result))
    throw operationError('The returned value has to be an object (the json of the item)!', { itemIndex });
  return {
    json: standardize(result as JsonObject),
    pairedItem: { item: itemIndex },
    ...(item.binary ? { binary: item.binary } : {}),
  };
}

async function executeFunctionItem(ctx: NodeExecutionContext, inputs: Item[][]): Promise<Item[][]> {
  const items = legacyCopies(inputs[0] ?? []);
  const output: Item[] = [];
  let sandbox: CodeSandbox | undefined;
  try {
    for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
      try {
        sandbox ??= new CodeSandbox(ctx.getParameter<string>('functionCode', 0, ''), ctx.logger, ctx.signal);
        output.push(await runForItem(ctx, sandbox, items, itemIndex));
      } catch (error) {
        if (!ctx.continueOnFail) throw legacyError(error);
        output.push({ json: { error: bareMessage(error) }, pairedItem: { item: itemIndex } });
      }
    }
  } finally {
    sandbox?.dispose();
  }
  return [output];
}

/** Function Item (legacy, replaced by Code): runs JavaScript once per item, on the item's json. */
export const functionItem: NodeType = {
  type: 'functionItem',
  readsBinaryData: true,
  n8nType: 'n8n-nodes-base.functionItem',
  displayName: 'Function Item',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => functionItemParameters,
  execute: executeFunctionItem,
};

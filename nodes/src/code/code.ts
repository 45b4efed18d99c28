import { runPythonCode } from './python-code.js';
import type { Item, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { CodeError } from './code-error.js';
import { allItemsOutput, eachItemOutput } from './code-output.js';
import { codeParameters } from './code-parameters.js';
import { CodeSandbox } from './code-sandbox.js';
import { codeRequire, modulePolicyFromEnv } from './code-require.js';
import { sandboxGlobals } from './sandbox-globals.js';
import { operationError } from '../shared/operation-error.js';
import { pairInput } from '../shared/paired-items.js';

/** Input items the code may change freely: copies, paired with their position. */
function copiesOf(items: Item[]): Item[] {
  return structuredClone(pairInput(items));
}

/** Each-item code may not use the helpers over all items; n8n stops before running it. */
function rejectAllItemsHelpers(code: string, itemIndex: number): void {
  const method = /\$input\.(first|last|all|itemMatching)/.exec(code)?.[1];
  if (!method) return;
  const line =
    code
      .split('\n')
      .findIndex((text) => text.includes(method) && !text.startsWith('//') && !text.startsWith('*')) + 1;
  if (line === 0) return;
  throw new CodeError({
    message: `Can't use .${method}() here`,
    description: "This is only available in 'Run Once for All Items' mode",
    itemIndex,
    lineNumber: line,
  });
}

async function runForAllItems(
  ctx: NodeExecutionContext,
  sandbox: CodeSandbox,
  items: Item[],
): Promise<Item[]> {
  sandbox.define(sandboxGlobals(ctx, { items, itemIndex: 0 }, false));
  try {
    return allItemsOutput(await sandbox.run());
  } catch (error) {
    if (!ctx.continueOnFail) throw error;
    return [{ json: { error: (error as Error).message } }];
  }
}

async function runForEachItem(
  ctx: NodeExecutionContext,
  sandbox: CodeSandbox,
  items: Item[],
  code: string,
): Promise<Item[]> {
  const output: Item[] = [];
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      rejectAllItemsHelpers(code, itemIndex);
      sandbox.define(sandboxGlobals(ctx, { items, itemIndex }, true));
      const item = eachItemOutput(await sandbox.run(itemIndex), itemIndex);
      if (item)
        output.push({
          json: item.json,
          pairedItem: { item: itemIndex },
          ...(item.binary ? { binary: item.binary } : {}),
        });
    } catch (error) {
      if (!ctx.continueOnFail) throw error;
      output.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
    }
  }
  return output;
}

async function executeCode(ctx: NodeExecutionContext, inputs: Item[][]): Promise<Item[][]> {
  const language =
    ctx.node.typeVersion >= 2 ? ctx.getParameter<string>('language', 0, 'javaScript') : 'javaScript';
  const mode = ctx.getParameter<string>('mode', 0, 'runOnceForAllItems');
  if (language === 'python' || language === 'pythonNative') {
    const pythonCode = ctx.getParameter<string>('pythonCode', 0, '');
    return [await runPythonCode(ctx, copiesOf(inputs[0] ?? []), pythonCode, mode === 'runOnceForEachItem')];
  }
  if (language !== 'javaScript')
    throw operationError(`The Code node '${ctx.node.name}' has unknown language '${language}'`);
  const code = ctx.getParameter<string>('jsCode', 0, '');
  const items = copiesOf(inputs[0] ?? []);
  const eachItem = mode === 'runOnceForEachItem';
  let sandbox: CodeSandbox;
  try {
    sandbox = new CodeSandbox(code, ctx.logger, ctx.signal);
    sandbox.define({ require: { value: codeRequire(modulePolicyFromEnv()) } });
  } catch (error) {
    // Invalid JavaScript fails every run of the code, so it fails like one.
    if (!ctx.continueOnFail) throw error;
    const message = (error as Error).message;
    return [
      eachItem
        ? items.map((_, item) => ({ json: { error: message }, pairedItem: { item } }))
        : [{ json: { error: message } }],
    ];
  }
  try {
    return [
      eachItem ? await runForEachItem(ctx, sandbox, items, code) : await runForAllItems(ctx, sandbox, items),
    ];
  } finally {
    sandbox.dispose();
  }
}

/** Code: runs the user's JavaScript once for all items or once per item. */
export const code: NodeType = {
  type: 'code',
  readsBinaryData: true,
  n8nType: 'n8n-nodes-base.code',
  displayName: 'Code',
  versions: [1, 2],
  inputs: () => 1,
  outputs: () => 1,
  parameters: codeParameters,
  execute: executeCode,
};

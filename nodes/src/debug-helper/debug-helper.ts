import { param, parameters } from '@budflow/runtime';
import type { Item, JsonObject, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { GENERATORS, nanoid, seededRandom } from './random-data.js';

const debugHelperParameters = parameters({
  category: param.options(['doNothing', 'throwError', 'oom', 'randomData']).default('throwError'),
  throwErrorType: param.options(['NodeApiError', 'NodeOperationError', 'Error']).default('NodeApiError'),
  throwErrorMessage: param.string().default('Node has thrown an error'),
  memorySizeValue: param.number().default(10),
  randomDataType: param.string().default('user'),
  nanoidAlphabet: param.string().default('0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'),
  nanoidLength: param.string().default('16'),
  randomDataSeed: param.string().default(''),
  randomDataCount: param.number().default(10),
  randomDataSingleArray: param.boolean().default(false),
});

/** The error DebugHelper throws, named as n8n names its error classes. */
function thrownError(ctx: NodeExecutionContext): Error {
  const type = ctx.getParameter<string>('throwErrorType', 0);
  const message = ctx.getParameter<string>('throwErrorMessage', 0);
  if (type === 'Error') return Object.assign(new Error(message), { name: 'ApplicationError' });
  const error = operationError(message);
  return type === 'NodeApiError' ? Object.assign(error, { name: 'NodeApiError' }) : error;
}

/** Random items for input item `i`: one per generated value, or one item holding them all. */
function randomItems(ctx: NodeExecutionContext, i: number): Item[] {
  const random = seededRandom(String(ctx.getParameter('randomDataSeed', 0) ?? ''));
  const type = ctx.getParameter<string>('randomDataType', 0);
  const generate =
    type === 'nanoid'
      ? () =>
          nanoid(
            random,
            ctx.getParameter<string>('nanoidAlphabet', 0),
            parseInt(String(ctx.getParameter('nanoidLength', 0)), 10),
          )
      : () => (GENERATORS[type] ?? GENERATORS.user!)(random);
  const generated: JsonObject[] = Array.from(
    { length: Number(ctx.getParameter('randomDataCount', 0)) },
    generate,
  );
  if (ctx.getParameter('randomDataSingleArray', 0) === true)
    return [{ json: { generatedItems: generated }, pairedItem: { item: i } }];
  return generated.map((json) => ({ json, pairedItem: { item: i } }));
}

/** What one input item gives; "Do Nothing" outputs nothing at all, as in n8n. */
function run(ctx: NodeExecutionContext, category: string, i: number): Item[] {
  switch (category) {
    case 'throwError':
      throw thrownError(ctx);
    case 'oom':
      throw operationError("DebugHelper's 'Out Of Memory' category is not available in BudFlow", {
        description: 'Runner memory is limited per step; exceeding it fails the step with reason "memory".',
      });
    case 'randomData':
      return randomItems(ctx, i);
    default:
      return [];
  }
}

/** DebugHelper: causes problems on purpose (throws) or generates fake data, for testing workflows. */
export const debugHelper: NodeType = {
  type: 'debugHelper',
  n8nType: 'n8n-nodes-base.debugHelper',
  displayName: 'DebugHelper',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => debugHelperParameters,
  execute: (ctx, inputs) => {
    const category = ctx.getParameter<string>('category', 0);
    const output: Item[] = [];
    (inputs[0] ?? []).forEach((_, i) => {
      try {
        output.push(...run(ctx, category, i));
      } catch (error) {
        if (!ctx.continueOnFail) throw error;
        output.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
      }
    });
    return [output];
  },
};

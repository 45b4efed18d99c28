import { param, parameters } from '@budflow/runtime';
import type { JsonObject, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';

const stopAndErrorParameters = parameters({
  errorType: param.options(['errorMessage', 'errorObject']).default('errorMessage'),
  errorMessage: param.string().default(''),
  errorObject: param.json().default(''),
});

/** The error object: JSON text or an object from an expression, over n8n's defaults for name and message. */
function errorObject(ctx: NodeExecutionContext): JsonObject {
  const raw = ctx.getParameter<unknown>('errorObject', 0);
  let parsed: unknown = raw;
  if (typeof raw === 'string') {
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw operationError(`The error object of '${ctx.node.name}' is not valid JSON`, {
        description: (error as Error).message,
        cause: error,
      });
    }
  }
  const defaults = {
    name: 'User-thrown error',
    message: `Workflow ID ${ctx.workflowName} "${ctx.workflowName}" has failed`,
  };
  return { ...defaults, ...(parsed !== null && typeof parsed === 'object' ? (parsed as JsonObject) : {}) };
}

/**
 * The message and description the user set. (n8n keeps an error object whole as the error's response
 * and leaves its message empty; BudFlow reports the object's `message` and `description` fields.)
 */
function executeStopAndError(ctx: NodeExecutionContext): never {
  if (ctx.getParameter('errorType', 0) === 'errorMessage')
    throw operationError(String(ctx.getParameter('errorMessage', 0) ?? ''));
  const object = errorObject(ctx);
  const description = typeof object.description === 'string' ? object.description : undefined;
  const message = typeof object.message === 'string' ? object.message : JSON.stringify(object.message);
  const error = operationError(
    message,
    description !== undefined && description !== message ? { description } : {},
  );
  throw Object.assign(error, { errorResponse: object });
}

/** Stop and Error: fails the execution with the user's message or error object. */
export const stopAndError: NodeType = {
  type: 'stopAndError',
  n8nType: 'n8n-nodes-base.stopAndError',
  displayName: 'Stop and Error',
  versions: [1],
  inputs: () => 1,
  outputs: () => 0,
  parameters: () => stopAndErrorParameters,
  execute: executeStopAndError,
};

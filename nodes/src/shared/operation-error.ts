import { NodeOperationError } from '@budflow/runtime';

export interface OperationErrorOptions {
  description?: string;
  itemIndex?: number;
  cause?: unknown;
}

/**
 * A NodeOperationError that also carries n8n's `context.itemIndex`, which the step error keeps, so a
 * user sees which item failed.
 */
export function operationError(message: string, options: OperationErrorOptions = {}): NodeOperationError {
  const error = new NodeOperationError(message, options);
  if (options.itemIndex !== undefined) Object.assign(error, { context: { itemIndex: options.itemIndex } });
  return error;
}

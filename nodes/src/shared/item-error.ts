import { operationError } from './operation-error.js';

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A thrown value as a node error that names the failing item (n8n's `NodeOperationError(node, error,
 * { itemIndex })`); an error that already carries a context keeps it.
 */
export function withItemIndex(error: unknown, itemIndex: number): unknown {
  if (error instanceof Error && 'context' in error) return error;
  const description = (error as { description?: unknown } | null)?.description;
  return operationError(messageOf(error), {
    itemIndex,
    cause: error,
    ...(typeof description === 'string' ? { description } : {}),
  });
}

/**
 * An error in user code or in what it returned, worded as n8n words it: the message ends with where it
 * happened (`[line 3]`, `[line 3, for item 0]`, `[item 0]`), the description says how to fix it.
 */
export class CodeError extends Error {
  override readonly name: string;
  readonly description: string | undefined;
  readonly context: { itemIndex: number } | undefined;
  readonly lineNumber: number | undefined;

  constructor(options: {
    message: string;
    description?: string;
    itemIndex?: number;
    lineNumber?: number;
    name?: string;
    cause?: unknown;
  }) {
    super(
      withPlace(options.message, options.lineNumber, options.itemIndex),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = options.name ?? 'NodeOperationError';
    this.description = options.description;
    this.lineNumber = options.lineNumber;
    this.context = options.itemIndex === undefined ? undefined : { itemIndex: options.itemIndex };
  }
}

function withPlace(message: string, lineNumber?: number, itemIndex?: number): string {
  if (lineNumber !== undefined && itemIndex !== undefined)
    return `${message} [line ${lineNumber}, for item ${itemIndex}]`;
  if (lineNumber !== undefined) return `${message} [line ${lineNumber}]`;
  if (itemIndex !== undefined) return `${message} [item ${itemIndex}]`;
  return message;
}

/** A value thrown by user code as a CodeError naming the line (of the user's code) it came from. */
export function fromThrown(thrown: unknown, filename: string, itemIndex?: number): CodeError {
  const error = thrown as { name?: unknown; message?: unknown; stack?: unknown } | null;
  const isErrorLike = typeof error === 'object' && error !== null && typeof error.message === 'string';
  const message = isErrorLike
    ? (error.message as string)
    : `${String(thrown)} (a non-error value was thrown)`;
  const name = isErrorLike && typeof error.name === 'string' ? error.name : 'Error';
  // Errors our own sandbox helpers throw (a refused `require`) say how to fix it.
  const hint = isErrorLike ? (error as { description?: unknown }).description : undefined;
  const stack = isErrorLike && typeof error.stack === 'string' ? error.stack : '';
  const line = new RegExp(`${filename}:(\\d+)`).exec(stack)?.[1];
  return new CodeError({
    message: message || 'Unknown error',
    ...(typeof hint === 'string' ? { description: hint } : name !== 'Error' ? { description: name } : {}),
    ...(line !== undefined ? { lineNumber: Number(line) } : {}),
    ...(itemIndex !== undefined ? { itemIndex } : {}),
    name: 'ExecutionError',
    cause: thrown,
  });
}

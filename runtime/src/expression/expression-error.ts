/** Options shared by every expression error. */
export interface ExpressionErrorOptions {
  /** The error that made the expression fail (a TypeError thrown by user code, a parse error, ...). */
  cause?: unknown;
  /** A longer, user-facing hint on how to fix the problem (n8n shows it under the message). */
  description?: string;
  /** The expression source ('=...') the error belongs to. */
  expression?: string;
}

/** An expression failed to compile or to evaluate. Messages follow n8n's wording where n8n has one. */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
  description?: string;
  expression?: string;

  constructor(message: string, options: ExpressionErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.description !== undefined) this.description = options.description;
    if (options.expression !== undefined) this.expression = options.expression;
  }
}

/** An expression was rejected before it ran: invalid JavaScript, or a construct the sandbox forbids. */
export class ExpressionSyntaxError extends ExpressionError {
  override name = 'ExpressionSyntaxError';
}

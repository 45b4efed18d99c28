/** An expression asked for data that is not there, with n8n's wording in `message` and the detail in `description`. */
export class ExpressionDataError extends Error {
  override readonly name = 'ExpressionError';
  readonly description: string | undefined;
  constructor(message: string, options: { description?: string; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.description = options.description;
  }
}

/** Base of BudFlow's typed errors: a stable `code`, a user-facing message, optional detail, and the cause. */
export class BudflowError extends Error {
  readonly code: string;
  readonly description: string | undefined;
  constructor(code: string, message: string, options: { description?: string; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.description = options.description;
  }
}

/** A node could not do its work with the items and parameters it got; the message names what to fix. */
export class NodeOperationError extends BudflowError {
  readonly itemIndex: number | undefined;
  constructor(message: string, options: { description?: string; cause?: unknown; itemIndex?: number } = {}) {
    super('NODE_OPERATION', message, options);
    this.itemIndex = options.itemIndex;
  }
}

/** A node's parameters do not fit its schema. */
export class NodeParameterError extends BudflowError {
  constructor(message: string, options: { description?: string; cause?: unknown } = {}) {
    super('NODE_PARAMETERS', message, options);
  }
}

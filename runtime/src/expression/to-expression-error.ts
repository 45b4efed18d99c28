import { ExpressionError } from './expression-error.js';

const NOT_A_FUNCTION = /(?<message>[^.]+is not a function)/;

function describe(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * Whatever an evaluation threw, as an ExpressionError carrying it as `cause`. Like n8n, "a.b.c is not a
 * function" is shortened to "c is not a function".
 */
export function toExpressionError(error: unknown, expression: string): ExpressionError {
  if (error instanceof ExpressionError) {
    error.expression ??= expression;
    return error;
  }
  let message = error instanceof Error ? error.message : describe(error);
  if (error instanceof TypeError) message = NOT_A_FUNCTION.exec(message)?.groups?.message ?? message;
  return new ExpressionError(message, { cause: error, expression });
}

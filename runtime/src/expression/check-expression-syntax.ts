import { compileExpression } from './compile-expression.js';
import { ExpressionError } from './expression-error.js';
import { isExpression } from './is-expression.js';

/** Returns undefined when the expression compiles, else a problem with a human message (for `budflow validate`). */
export function checkExpressionSyntax(source: string): { message: string } | undefined {
  if (!isExpression(source)) return undefined;
  try {
    compileExpression(source);
    return undefined;
  } catch (error) {
    if (error instanceof ExpressionError) return { message: error.message };
    throw error;
  }
}

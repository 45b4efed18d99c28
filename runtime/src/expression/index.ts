export { checkExpressionSyntax } from './check-expression-syntax.js';
export { compileExpression } from './compile-expression.js';
export type { CompiledExpression, ExpressionScope } from './compile-expression.js';
export { expressionBuiltins } from './expression-builtins.js';
export { ExpressionError, ExpressionSyntaxError } from './expression-error.js';
export type { ExpressionErrorOptions } from './expression-error.js';
export { isExpression } from './is-expression.js';
export { resolveParameterValue } from './resolve-parameter-value.js';

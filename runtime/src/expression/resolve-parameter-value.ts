import { compileExpression } from './compile-expression.js';
import type { ExpressionScope } from './compile-expression.js';
import { isExpression } from './is-expression.js';

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Deeply walks a parameter value (objects/arrays); every expression string is evaluated with the scope, other
 * values are returned as they are. New containers are made only where something changed.
 */
export function resolveParameterValue(value: unknown, scope: ExpressionScope): unknown {
  if (isExpression(value)) return compileExpression(value).evaluate(scope);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((item: unknown, index) => {
      const resolved = resolveParameterValue(item, scope);
      if (resolved !== item && !out) out = value.slice(0, index);
      out?.push(resolved);
    });
    return out ?? value;
  }
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    let out: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const resolved = resolveParameterValue(item, scope);
      if (resolved === item) continue;
      out ??= { ...value };
      // defineProperty: a parameter named __proto__ stays a plain key.
      Object.defineProperty(out, key, {
        value: resolved,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    return out ?? value;
  }
  return value;
}

/** A parameter value is an expression iff it is a string starting with '=' (n8n's rule). */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.charCodeAt(0) === 61; // '='
}

import { parse } from 'acorn';
import type { Expression } from 'acorn';

import { ExpressionSyntaxError } from './expression-error.js';

/** Parses the code of one '{{ }}' segment, which must be a single JavaScript expression. */
export function parseSegment(code: string): Expression {
  const trimmed = code.trim().replace(/;+$/, '').trimEnd();
  if (trimmed === '') throw new ExpressionSyntaxError('invalid syntax: the expression {{ }} is empty');
  // As n8n: a segment starting with '{' is an object literal, not a block.
  const source = trimmed.startsWith('{') ? `(${trimmed})` : trimmed;
  let body;
  try {
    body = parse(source, { ecmaVersion: 'latest', sourceType: 'script' }).body;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExpressionSyntaxError(`invalid syntax: ${reason} in {{ ${trimmed} }}`, { cause: error });
  }
  const statements = body.filter((statement) => statement.type !== 'EmptyStatement');
  const [statement] = statements;
  if (statements.length !== 1 || statement?.type !== 'ExpressionStatement') {
    throw new ExpressionSyntaxError(`invalid syntax: {{ ${trimmed} }} must be a single expression`);
  }
  return statement.expression;
}

import type {
  ArrayExpression,
  ArrowFunctionExpression,
  BinaryExpression,
  CallExpression,
  ConditionalExpression,
  Expression,
  Identifier,
  Literal,
  MemberExpression,
  SpreadElement,
  UnaryExpression,
} from 'acorn';

// Minimal ESTree node builders for the rewrites. Positions are irrelevant: astring only prints.
const at = { start: 0, end: 0 };

export const identifier = (name: string): Identifier => ({ ...at, type: 'Identifier', name });

export const literal = (value: string | number | boolean | null): Literal => ({
  ...at,
  type: 'Literal',
  value,
});

export const member = (object: Expression, property: string): MemberExpression => ({
  ...at,
  type: 'MemberExpression',
  object,
  property: identifier(property),
  computed: false,
  optional: false,
});

export const call = (callee: Expression, args: Array<Expression | SpreadElement>): CallExpression => ({
  ...at,
  type: 'CallExpression',
  callee,
  arguments: args,
  optional: false,
});

export const array = (elements: Array<Expression | SpreadElement>): ArrayExpression => ({
  ...at,
  type: 'ArrayExpression',
  elements,
});

export const conditional = (
  test: Expression,
  consequent: Expression,
  alternate: Expression,
): ConditionalExpression => ({
  ...at,
  type: 'ConditionalExpression',
  test,
  consequent,
  alternate,
});

export const voidZero = (): UnaryExpression => ({
  ...at,
  type: 'UnaryExpression',
  operator: 'void',
  prefix: true,
  argument: literal(0),
});

export const isNullish = (value: Expression): BinaryExpression => ({
  ...at,
  type: 'BinaryExpression',
  operator: '==',
  left: value,
  right: literal(null),
});

/** `((name) => body)(value)`: evaluates `value` once and names it for `body`. */
export function bindValue(name: string, value: Expression, body: Expression): CallExpression {
  const arrow: ArrowFunctionExpression = {
    ...at,
    type: 'ArrowFunctionExpression',
    id: null,
    params: [identifier(name)],
    body,
    expression: true,
    generator: false,
    async: false,
  };
  return call(arrow, [value]);
}

/** `((name) => name == null ? undefined : body)(value)`: an optional-chain short circuit. */
export function bindIfPresent(name: string, value: Expression, body: Expression): CallExpression {
  return bindValue(name, value, conditional(isNullish(identifier(name)), voidZero(), body));
}

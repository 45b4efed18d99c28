import type { AnyNode, Identifier, MemberExpression, ObjectPattern } from 'acorn';

import { childSlots } from './ast-children.js';
import { ExpressionSyntaxError } from './expression-error.js';
import { isUnsafeProperty } from './unsafe-properties.js';

/** Prefix of the identifiers the compiler introduces; user code may not name them. */
export const RESERVED_PREFIX = '__bf';

export const DOLLAR_SIGN_ERROR = 'Cannot access "$" without calling it as a function';

function reject(message: string): never {
  throw new ExpressionSyntaxError(message);
}

function rejectProperty(name: string): never {
  if (name === 'constructor') {
    throw new ExpressionSyntaxError('Expression contains invalid constructor function call', {
      description: 'Constructor override attempt is not allowed due to security concerns',
    });
  }
  reject(`Cannot access "${name}" due to security concerns`);
}

/** The statically known name of a member access: `a.b`, `a['b']`, `a[`b`]`; undefined when computed at run time. */
export function staticPropertyName(node: MemberExpression): string | undefined {
  const { property } = node;
  if (!node.computed) return property.type === 'Identifier' ? property.name : undefined;
  if (
    property.type === 'Literal' &&
    (typeof property.value === 'string' || typeof property.value === 'number')
  ) {
    return String(property.value);
  }
  if (property.type === 'TemplateLiteral' && property.expressions.length === 0)
    return property.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Whether an Identifier in this slot names a binding or a variable (rather than a property key or a label). */
function isReference(parent: AnyNode | undefined, key: string): boolean {
  if (!parent) return true;
  switch (parent.type) {
    case 'MemberExpression':
      return key !== 'property' || parent.computed;
    case 'Property':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return key !== 'key' || parent.computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'MetaProperty':
      return false;
    default:
      return true;
  }
}

function checkIdentifier(node: Identifier, parent: AnyNode | undefined, key: string): void {
  if (!isReference(parent, key)) return;
  if (node.name.startsWith(RESERVED_PREFIX)) {
    reject(`Cannot use the reserved name "${node.name}" in an expression`);
  }
  if (node.name === 'eval') reject('eval is not allowed in expressions');
  if (node.name === '$' && !(parent?.type === 'CallExpression' && key === 'callee'))
    reject(DOLLAR_SIGN_ERROR);
}

function checkPattern(node: ObjectPattern): void {
  for (const property of node.properties) {
    if (property.type !== 'Property') continue;
    if (property.computed) reject('Computed property names are not allowed in destructuring patterns');
    const name =
      property.key.type === 'Identifier'
        ? property.key.name
        : property.key.type === 'Literal'
          ? String(property.key.value)
          : undefined;
    if (name !== undefined && isUnsafeProperty(name)) rejectProperty(name);
  }
}

function visit(node: AnyNode, parent: AnyNode | undefined, key: string): void {
  switch (node.type) {
    case 'ThisExpression':
      reject('"this" is not available in expressions');
      break;
    case 'ImportExpression':
      reject('import() is not allowed in expressions');
      break;
    case 'MetaProperty':
      if (node.meta.name === 'import') reject('import.meta is not allowed in expressions');
      break;
    case 'WithStatement':
      reject('with statements are not allowed in expressions');
      break;
    case 'Identifier':
      checkIdentifier(node, parent, key);
      break;
    case 'MemberExpression': {
      const name = staticPropertyName(node);
      if (name !== undefined && isUnsafeProperty(name)) rejectProperty(name);
      break;
    }
    case 'ObjectPattern':
      checkPattern(node);
      break;
    default:
      break;
  }
  for (const slot of childSlots(node)) visit(slot.node, node, slot.key);
}

/**
 * Rejects, before anything runs, the constructs n8n's sanitizers forbid: `this`, import(), eval, `with`,
 * access to constructor / __proto__ / prototype (statically named or destructured), and a bare `$`.
 * Computed keys (`obj[key]`) are checked at run time by the rewritten code.
 */
export function checkSandbox(expression: AnyNode): void {
  visit(expression, undefined, '');
}

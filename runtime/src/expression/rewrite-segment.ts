import type { AnyNode, CallExpression, ChainExpression, Expression } from 'acorn';

import { array, call, conditional, literal } from './ast-builders.js';
import { childSlots, replaceChild } from './ast-children.js';
import { ExpressionSyntaxError } from './expression-error.js';
import { lowerChain } from './lower-chain.js';
import { extensionName, helper, sanitizeComputed } from './rewrite-primitives.js';
import type { RewriteContext } from './rewrite-primitives.js';

function rewriteIf(node: CallExpression): Expression {
  const [test, whenTrue, whenFalse] = node.arguments as Expression[];
  if (test === undefined || whenTrue === undefined) {
    throw new ExpressionSyntaxError(
      '$if requires at least 2 parameters: test, value_if_true[, and value_if_false]',
    );
  }
  return conditional(test, whenTrue, whenFalse ?? literal(false));
}

function rewriteCall(node: CallExpression): Expression {
  const name = extensionName(node.callee);
  if (name !== undefined && node.callee.type === 'MemberExpression') {
    return call(helper('x'), [node.callee.object as Expression, literal(name), array(node.arguments)]);
  }
  const isIf = node.callee.type === 'Identifier' && node.callee.name === '$if';
  if (isIf && node.arguments.every((argument) => argument.type !== 'SpreadElement')) return rewriteIf(node);
  return node;
}

function chainHasExtensionCall(node: AnyNode): boolean {
  let current = node;
  for (;;) {
    if (current.type === 'CallExpression') {
      if (extensionName(current.callee) !== undefined) return true;
      current = current.callee;
    } else if (current.type === 'MemberExpression') {
      current = current.object;
    } else {
      return false;
    }
  }
}

function rewriteChildren(node: AnyNode, context: RewriteContext): void {
  for (const slot of childSlots(node)) replaceChild(node, slot, context.rewrite(slot.node));
}

/** Rewrites children first, then the node itself. */
function rewriteNode(node: AnyNode, context: RewriteContext): AnyNode {
  if (node.type === 'ChainExpression') return rewriteChain(node, context);
  rewriteChildren(node, context);
  if (node.type === 'CallExpression') return rewriteCall(node);
  if (node.type === 'MemberExpression') return sanitizeComputed(node);
  return node;
}

function rewriteChain(node: ChainExpression, context: RewriteContext): AnyNode {
  if (chainHasExtensionCall(node.expression)) return lowerChain(node.expression, context);
  rewriteChildren(node, context);
  return node;
}

/**
 * Compiles n8n's semantics into the expression: extension calls become `__bf.x(obj, 'name', [args])`,
 * `$if(a, b, c)` becomes `a ? b : c` (only the chosen branch runs, as in n8n), computed keys are sanitized,
 * and optional chains that contain extension calls are lowered to plain code.
 */
export function rewriteSegment(expression: Expression): Expression {
  let counter = 0;
  const context: RewriteContext = {
    rewrite: (node) => rewriteNode(node, context),
    freshName: () => `__bf_t${++counter}`,
  };
  return rewriteNode(expression, context) as Expression;
}

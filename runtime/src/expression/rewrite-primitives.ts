import type { AnyNode, MemberExpression } from 'acorn';

import { call, identifier, member } from './ast-builders.js';
import { EXTENSION_NAMES } from './extensions/extend.js';
import { HELPERS_IDENTIFIER } from './scope-proxy.js';

/** What rewrites thread through: the recursive rewrite itself and fresh names for temporaries. */
export interface RewriteContext {
  rewrite(node: AnyNode): AnyNode;
  freshName(): string;
}

/** `__bf.<name>`: a runtime helper, resolved past the `with` object. */
export const helper = (name: string): MemberExpression => member(identifier(HELPERS_IDENTIFIER), name);

/** The extension name of `x.name`, when a call `x.name(...)` must go through the extension dispatcher. */
export function extensionName(node: AnyNode): string | undefined {
  if (node.type !== 'MemberExpression' || node.computed || node.object.type === 'Super') return undefined;
  if (node.property.type !== 'Identifier') return undefined;
  return EXTENSION_NAMES.has(node.property.name) ? node.property.name : undefined;
}

/** `obj[key]` with a key computed at run time becomes `obj[__bf.s(key)]`, which rejects unsafe names. */
export function sanitizeComputed(node: MemberExpression): MemberExpression {
  const { property } = node;
  if (!node.computed || property.type === 'Literal' || property.type === 'PrivateIdentifier') return node;
  if (property.type === 'TemplateLiteral' && property.expressions.length === 0) return node;
  return { ...node, property: call(helper('s'), [property]) };
}

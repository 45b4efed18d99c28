import type { AnyNode, CallExpression, Expression, MemberExpression, SpreadElement } from 'acorn';

import { array, bindIfPresent, bindValue, call, identifier, literal } from './ast-builders.js';
import { extensionName, helper, sanitizeComputed } from './rewrite-primitives.js';
import type { RewriteContext } from './rewrite-primitives.js';

type ChainLink = MemberExpression | CallExpression;

const rewriteArgs = (
  args: Array<Expression | SpreadElement>,
  context: RewriteContext,
): Array<Expression | SpreadElement> =>
  args.map((argument) => context.rewrite(argument) as Expression | SpreadElement);

/**
 * An optional chain cannot short-circuit through a function call, so `a?.b.first()` cannot simply become
 * `__bf.x(a?.b, 'first', [])` (that would call first() on undefined). Chains that contain extension calls are
 * therefore lowered: each optional link evaluates its left side once into an arrow parameter and yields
 * undefined when it is null or undefined, skipping the rest of the chain exactly like `?.` does.
 */
export function lowerChain(expression: Expression, context: RewriteContext): Expression {
  const links: ChainLink[] = [];
  let base: AnyNode = expression;
  while (base.type === 'MemberExpression' || base.type === 'CallExpression') {
    links.unshift(base);
    base = base.type === 'MemberExpression' ? base.object : base.callee;
  }
  return lowerLinks(context.rewrite(base) as Expression, links, 0, context);
}

function lowerLinks(
  start: Expression,
  links: readonly ChainLink[],
  from: number,
  context: RewriteContext,
): Expression {
  let current = start;
  for (let i = from; i < links.length; i++) {
    const link = links[i] as ChainLink;
    if (link.type === 'MemberExpression') {
      if (link.optional) {
        const name = context.freshName();
        const rest = [...links];
        rest[i] = { ...link, optional: false };
        return bindIfPresent(name, current, lowerLinks(identifier(name), rest, i, context));
      }
      const next = links[i + 1];
      const extension = extensionName(link);
      if (extension !== undefined && next?.type === 'CallExpression') {
        const args = rewriteArgs(next.arguments, context);
        if (next.optional) {
          const fn = context.freshName();
          const lookup = call(helper('f'), [current, literal(extension)]);
          return bindIfPresent(fn, lookup, lowerLinks(call(identifier(fn), args), links, i + 2, context));
        }
        current = call(helper('x'), [current, literal(extension), array(args)]);
        i += 1;
        continue;
      }
      const property = link.computed ? (context.rewrite(link.property) as Expression) : link.property;
      current = sanitizeComputed({ ...link, object: current, property, optional: false });
      continue;
    }
    const args = rewriteArgs(link.arguments, context);
    if (!link.optional) {
      current = call(current, args);
      continue;
    }
    if (current.type === 'MemberExpression' && current.object.type !== 'Super') {
      // `o.m?.()` must still call m with `this` = o: bind o once, then look m up on it.
      const receiver = context.freshName();
      const fn = context.freshName();
      const method: MemberExpression = { ...current, object: identifier(receiver) };
      const invoke = call(helper('c'), [identifier(fn), identifier(receiver), array(args)]);
      return bindValue(
        receiver,
        current.object,
        bindIfPresent(fn, method, lowerLinks(invoke, links, i + 1, context)),
      );
    }
    const fn = context.freshName();
    return bindIfPresent(fn, current, lowerLinks(call(identifier(fn), args), links, i + 1, context));
  }
  return current;
}

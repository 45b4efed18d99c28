import { generate } from 'astring';

import { checkSandbox } from './check-sandbox.js';
import { compileFunction } from './function-compiler.js';
import { ExpressionSyntaxError } from './expression-error.js';
import { parseSegment } from './parse-segment.js';
import { rewriteSegment } from './rewrite-segment.js';
import { RUNTIME_HELPERS } from './runtime-helpers.js';
import type { RuntimeHelpers } from './runtime-helpers.js';
import { HELPERS_IDENTIFIER } from './scope-proxy.js';

/** One compiled '{{ }}' segment: run it with a scope proxy from createScopeProxy. */
export type SegmentFunction = (scopeProxy: object) => unknown;

type SegmentFactory = (helpers: RuntimeHelpers) => SegmentFunction;

/** Parses, checks and rewrites the code of one segment, then turns it into a function (once; callers cache). */
export function compileSegment(code: string): SegmentFunction {
  const expression = parseSegment(code);
  checkSandbox(expression);
  const javascript = generate(rewriteSegment(expression));
  // `with` needs sloppy mode. The scope proxy claims every identifier except the helpers, which therefore
  // resolve to this closure; the guard refuses to run over anything but a genuine scope proxy.
  const body = [
    `return function (__bf_scope) {`,
    `  ${HELPERS_IDENTIFIER}.g(__bf_scope);`,
    `  with (__bf_scope) { return (`,
    javascript,
    `  ); }`,
    `};`,
  ].join('\n');
  let factory: SegmentFactory;
  try {
    factory = compileFunction([HELPERS_IDENTIFIER], body) as unknown as SegmentFactory;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ExpressionSyntaxError(`invalid syntax: ${reason} in {{ ${code.trim()} }}`, { cause: error });
  }
  return factory(RUNTIME_HELPERS);
}

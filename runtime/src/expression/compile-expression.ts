import { compileSegment } from './compile-segment.js';
import type { SegmentFunction } from './compile-segment.js';
import { ExpressionError, ExpressionSyntaxError } from './expression-error.js';
import { isExpression } from './is-expression.js';
import { LruCache } from './lru-cache.js';
import { createScopeProxy } from './scope-proxy.js';
import { splitTemplate } from './split-template.js';
import { stringifySegment } from './stringify-segment.js';
import { toExpressionError } from './to-expression-error.js';

/** The $-variables an expression sees ($json, $input, $, $node, $now, ...), provided by the caller. */
export type ExpressionScope = Record<string, unknown>;

/** A parsed and compiled template; evaluate it once per item. */
export interface CompiledExpression {
  readonly source: string;
  evaluate(scope: ExpressionScope): unknown;
}

const CACHE_CAPACITY = 5000;
const cache = new LruCache<string, CompiledExpression | ExpressionSyntaxError>(CACHE_CAPACITY);

type Part =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'code'; readonly run: SegmentFunction };

class TemplateExpression implements CompiledExpression {
  constructor(
    readonly source: string,
    private readonly parts: readonly Part[],
    /** Set when the template is exactly one segment: its value is returned raw, not as a string. */
    private readonly single: SegmentFunction | undefined,
  ) {}

  evaluate(scope: ExpressionScope): unknown {
    const proxy = createScopeProxy(scope ?? {});
    if (this.single) return this.rawValue(this.run(this.single, proxy));
    let out = '';
    for (const part of this.parts)
      out += part.kind === 'text' ? part.text : stringifySegment(this.run(part.run, proxy));
    return out;
  }

  private run(segment: SegmentFunction, proxy: object): unknown {
    try {
      return segment(proxy);
    } catch (error) {
      throw toExpressionError(error, this.source);
    }
  }

  private rawValue(value: unknown): unknown {
    if (typeof value !== 'function') return value;
    const message =
      value.name === 'DateTime'
        ? 'this is a DateTime, please access its methods'
        : 'this is a function, please add ()';
    throw new ExpressionError(message, { expression: this.source });
  }
}

function compileTemplate(source: string): CompiledExpression {
  const template = isExpression(source) ? source.slice(1) : source;
  const split = splitTemplate(template);
  const parts: Part[] = split.map((part) =>
    part.kind === 'text' ? part : { kind: 'code', run: compileSegment(part.code) },
  );
  const codeParts = parts.filter((part) => part.kind === 'code');
  if (codeParts.length === 0) {
    const text = parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');
    return { source, evaluate: () => text };
  }
  // One segment with nothing but whitespace around it returns its raw value (object, number, ...).
  const onlyWhitespaceAround = parts.every((part) => part.kind === 'code' || part.text.trim() === '');
  const single = codeParts.length === 1 && onlyWhitespaceAround ? codeParts[0]?.run : undefined;
  return new TemplateExpression(source, parts, single);
}

/** Parses a template ('=...{{ js }}...') once and caches it (LRU, 5000 entries). Throws ExpressionSyntaxError. */
export function compileExpression(source: string): CompiledExpression {
  const cached = cache.get(source);
  if (cached instanceof ExpressionSyntaxError) throw cached;
  if (cached) return cached;
  try {
    const compiled = compileTemplate(source);
    cache.set(source, compiled);
    return compiled;
  } catch (error) {
    const syntaxError =
      error instanceof ExpressionSyntaxError
        ? error
        : new ExpressionSyntaxError(error instanceof Error ? error.message : String(error), { cause: error });
    syntaxError.expression ??= source;
    cache.set(source, syntaxError);
    throw syntaxError;
  }
}

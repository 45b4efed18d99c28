import { tokTypes, tokenizer } from 'acorn';

import { ExpressionSyntaxError } from './expression-error.js';

/** A piece of a template: literal text, or the JavaScript between '{{' and '}}'. */
export type TemplatePart =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'code'; readonly code: string };

const OPEN = '{{';

/**
 * Splits a template (the part after '=') into text and code parts.
 *
 * The closing '}}' is found with acorn's tokenizer, so a '}}' inside a string, a template literal, a regular
 * expression or nested braces (`{{ {a: {b: 1}} }}`) does not end the segment. When the tokenizer cannot find the
 * end (a line comment swallows it, or the code does not tokenize) we fall back to n8n's own rule: the first '}}'
 * outside a quoted string. As in n8n, '\{{' in text is kept literally and does not open a segment.
 */
export function splitTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf(OPEN, index);
    if (open === -1) {
      text += template.slice(index);
      break;
    }
    if (open > 0 && template[open - 1] === '\\') {
      text += template.slice(index, open + OPEN.length);
      index = open + OPEN.length;
      continue;
    }
    text += template.slice(index, open);
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    const codeStart = open + OPEN.length;
    const close = findSegmentEnd(template, codeStart);
    if (close === -1) {
      throw new ExpressionSyntaxError(`invalid syntax: '{{' at position ${open} is never closed with '}}'`);
    }
    parts.push({ kind: 'code', code: template.slice(codeStart, close) });
    index = close + 2;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return parts;
}

/** Index of the first '}' of the '}}' that closes the segment starting at `from`, or -1. */
export function findSegmentEnd(template: string, from: number): number {
  const viaTokens = findEndWithTokenizer(template.slice(from));
  if (viaTokens !== -1) return from + viaTokens;
  const viaQuotes = findEndOutsideQuotes(template, from);
  return viaQuotes;
}

function findEndWithTokenizer(code: string): number {
  try {
    const tokens = tokenizer(code, { ecmaVersion: 'latest', sourceType: 'script' });
    let depth = 0;
    for (;;) {
      const token = tokens.getToken();
      if (token.type === tokTypes.eof) return -1;
      if (token.type === tokTypes.braceL || token.type === tokTypes.dollarBraceL) {
        depth += 1;
      } else if (token.type === tokTypes.braceR) {
        if (depth === 0) {
          if (code[token.end] === '}') return token.start;
        } else {
          depth -= 1;
        }
      }
    }
  } catch {
    return -1;
  }
}

/** n8n's splitter: the first '}}' not inside '...', "..." or `...` (backslash escapes respected). */
function findEndOutsideQuotes(template: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < template.length; i++) {
    const char = template[i];
    if (char === '\\') {
      i += 1;
      continue;
    }
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '}' && template[i + 1] === '}') return i;
  }
  return -1;
}

import { describe, expect, it } from 'vitest';

import { checkExpressionSyntax } from './index.js';

describe('checkExpressionSyntax', () => {
  it.each([
    '={{ $json.a }}',
    '=Hi {{ $json.name.toTitleCase() }}',
    '=plain',
    'not an expression {{ 1 + }}',
    '',
  ])('accepts %j', (source) => {
    expect(checkExpressionSyntax(source)).toBeUndefined();
  });

  it.each([
    ['={{ 1 + }}', 'invalid syntax: Unexpected token'],
    ['=Hi {{ name', "'{{' at position 3 is never closed"],
    ['={{ }}', 'empty'],
    ['={{ this }}', '"this" is not available'],
    ['={{ a.constructor }}', 'invalid constructor function call'],
  ])('reports %j', (source, message) => {
    expect(checkExpressionSyntax(source)?.message).toContain(message);
  });

  it('does not evaluate anything', () => {
    expect(checkExpressionSyntax('={{ $json.missing.deep.value }}')).toBeUndefined();
  });
});

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import { compileExpression, ExpressionError, ExpressionSyntaxError, isExpression } from './index.js';
import type { ExpressionScope } from './index.js';

const scope: ExpressionScope = {
  $json: { name: 'World', n: 5, list: [1, 2], obj: { a: 1 }, empty: null, nested: { a: {} } },
  fn: () => 'called',
};
const evaluate = (source: string, variables: ExpressionScope = scope): unknown =>
  compileExpression(source).evaluate(variables);

describe('isExpression', () => {
  it.each<[unknown, boolean]>([
    ['={{ 1 }}', true],
    ['=plain', true],
    ['=', true],
    ['{{ 1 }}', false],
    [' ={{ 1 }}', false],
    [5, false],
    [undefined, false],
  ])('%j -> %s', (value, expected) => {
    expect(isExpression(value)).toBe(expected);
  });
});

describe('compileExpression: templates', () => {
  it.each<[string, string, unknown]>([
    ['a single segment returns the raw number', '={{ $json.n }}', 5],
    ['a single segment returns the raw array', '={{ $json.list }}', [1, 2]],
    ['a single segment returns null raw', '={{ $json.empty }}', null],
    ['whitespace around the only segment still returns raw', '= {{ $json.n }}\n', 5],
    ['whitespace inside the braces', '={{$json.n}}', 5],
    ['text around a segment makes a string', '=Hello {{ $json.name }}!', 'Hello World!'],
    ['a number in text', '=n={{ $json.n }}', 'n=5'],
    ['two segments concatenate', '={{ 1 }}{{ 2 }}', '12'],
    ['arrays in text become JSON', '=list: {{ $json.list }}', 'list: [1,2]'],
    ['objects in text become JSON', '=obj: {{ $json.obj }}', 'obj: {"a":1}'],
    ['null and undefined in text vanish', '=a{{ null }}b{{ $json.missing }}c', 'abc'],
    ['false and 0 in text are kept', '={{ false }}-{{ 0 }}', 'false-0'],
    ['NaN in text vanishes (as in n8n)', '=x{{ 0 / 0 }}', 'x'],
    [
      'a DateTime in text is ISO',
      "=at {{ DateTime.fromISO('2024-01-02T03:04:05.000Z', { zone: 'utc' }) }}",
      'at 2024-01-02T03:04:05.000Z',
    ],
    ['a Date in text is ISO', '=at {{ new Date(Date.UTC(2024, 0, 2)) }}', 'at 2024-01-02T00:00:00.000Z'],
    ['= without {{ is a plain string', '=just text', 'just text'],
    ['a lone = is the empty string', '=', ''],
    ['an object literal segment', '={{ {a: {b: 1}} }}', { a: { b: 1 } }],
    ["a '}}' inside a string", "={{ 'a}}b' }}", 'a}}b'],
    ["a '}}' inside a template literal", '={{ `x${1}}}` }}', 'x1}}'],
    ['a regular expression containing }}', '={{ /}}/.test("}}") }}', true],
    ['a multi-statement IIFE', '={{ (() => { const a = 1; let b = a + 1; return a + b })() }}', 3],
    ['assignments stay local to the evaluation', '={{ (() => { total = 2; return total * 3 })() }}', 6],
    ['a sequence with an assignment', '={{ x = 5, x + 1 }}', 6],
    ['a trailing semicolon is tolerated', '={{ $json.n; }}', 5],
    ['$if only evaluates the chosen branch', '={{ $if(true, 1, $json.missing.deep) }}', 1],
    ['$if defaults the else branch to false', '={{ $if(0, 1) }}', false],
    ['a line comment before }}', '={{ $json.n // the count }}', 5],
    ['functions from the scope can be called', '={{ fn() }}', 'called'],
    ['unknown identifiers read as undefined', '={{ typeof notDefinedAnywhere }}', 'undefined'],
  ])('%s', (_name, source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  it('returns the very object from the scope, not a copy', () => {
    expect(evaluate('={{ $json.obj }}')).toBe(scope.$json && (scope.$json as { obj: unknown }).obj);
  });

  it('returns DateTime values raw', () => {
    expect(DateTime.isDateTime(evaluate("={{ DateTime.fromISO('2024-01-01') }}"))).toBe(true);
  });

  it('lets the scope shadow built-ins', () => {
    expect(evaluate('={{ $max(1, 2) }}', { $max: () => 'mine' })).toBe('mine');
  });

  it.each<[string, ExpressionScope, unknown]>([
    ['inherited Object.prototype members', {}, undefined],
    ['own properties named like them', { constructor: 'own' }, 'own'],
  ])('reads %s from the scope correctly', (_name, variables, expected) => {
    expect(evaluate('={{ constructor }}', variables)).toBe(expected);
  });

  it('does not write assignments back into the caller scope', () => {
    const variables: ExpressionScope = { $json: { a: 1 } };
    evaluate('={{ $json = 5 }}', variables);
    expect(variables.$json).toEqual({ a: 1 });
  });
});

describe('compileExpression: caching', () => {
  it('compiles a source once', () => {
    const source = '={{ $json.n + 1000 }}';
    expect(compileExpression(source)).toBe(compileExpression(source));
  });

  it('caches syntax errors too', () => {
    const source = '={{ 1 + }} cached';
    const first = (() => {
      try {
        compileExpression(source);
      } catch (error) {
        return error;
      }
    })();
    expect(first).toBeInstanceOf(ExpressionSyntaxError);
    expect(() => compileExpression(source)).toThrow(first as Error);
  });

  it('evaluates a cached expression against each new scope', () => {
    const compiled = compileExpression('={{ $json.v * 2 }}');
    expect([1, 2, 3].map((v) => compiled.evaluate({ $json: { v } }))).toEqual([2, 4, 6]);
  });
});

describe('compileExpression: errors', () => {
  const thrown = (source: string, variables: ExpressionScope = scope): ExpressionError => {
    try {
      evaluate(source, variables);
    } catch (error) {
      if (error instanceof ExpressionError) return error;
      throw error;
    }
    throw new Error(`${source} did not throw`);
  };

  it.each([
    ['invalid JavaScript', '={{ 1 + }}', 'invalid syntax'],
    ['an unclosed segment', '=Hi {{ $json.name', 'never closed'],
    ['an empty segment', '={{ }}', 'empty'],
    ['several statements', '={{ a; b }}', 'single expression'],
    ['$if with one argument', '={{ $if(true) }}', '$if requires at least 2 parameters'],
  ])('rejects %s at compile time', (_name, source, message) => {
    const error = thrown(source);
    expect(error).toBeInstanceOf(ExpressionSyntaxError);
    expect(error.message).toContain(message);
    expect(error.expression).toBe(source);
  });

  it('wraps a run-time TypeError, keeping it as cause', () => {
    const error = thrown('={{ $json.nested.b.c }}');
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error.name).toBe('ExpressionError');
    expect(error.message).toBe("Cannot read properties of undefined (reading 'c')");
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.expression).toBe('={{ $json.nested.b.c }}');
  });

  it.each([
    ['shortens "a.b.c is not a function" like n8n', '={{ $json.obj.nope() }}', 'nope is not a function'],
    ['reports thrown non-errors', "={{ (() => { throw 'boom' })() }}", 'boom'],
    ['rejects a function as the whole result', '={{ fn }}', 'this is a function, please add ()'],
    [
      'rejects the DateTime class as the whole result',
      '={{ DateTime }}',
      'this is a DateTime, please access its methods',
    ],
  ])('%s', (_name, source, message) => {
    expect(thrown(source).message).toBe(message);
  });
});

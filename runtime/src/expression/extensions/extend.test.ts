import { describe, expect, it } from 'vitest';

import { compileExpression, ExpressionError } from '../index.js';
import { extend, extendOptional } from './extend.js';

const scope = {
  $json: {
    list: [3, 1, 2],
    text: 'a-b',
    obj: {
      name: 'x',
      greet(this: { name: string }) {
        return `hi ${this.name}`;
      },
    },
    nil: null,
  },
  counter: { calls: 0 },
};
const evaluate = (code: string): unknown => compileExpression(`={{ ${code} }}`).evaluate(scope);

describe('extension dispatch', () => {
  it.each<[string, string, unknown]>([
    ['a native method named like an extension (Math.round)', 'Math.round(1.5)', 2],
    ['a native static named like an extension (Object.keys)', 'Object.keys({ a: 1 })', ['a']],
    ['a native array method named like an object extension', '[...$json.list.keys()]', [0, 1, 2]],
    ['an extension on a native method result', "$json.text.split('-').last()", 'b'],
    ['chained extensions', '$json.list.unique().sum()', 6],
    ['extensions win over an object method of the same name', "({ keys: () => 'mine' }).keys()", ['keys']],
    ['isEmpty on undefined', '$json.missing.isEmpty()', true],
    ['isNotEmpty on null', '$json.nil.isNotEmpty()', false],
    ['arguments with spread', "[1].append(...['a', 'b'])", [1, 'a', 'b']],
  ])('%s', (_name, code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });

  it.each<[string, string, unknown]>([
    ['?. before an extension on undefined', '$json.missing?.first()', undefined],
    ['?. before an extension on a value', '$json.list?.first()', 3],
    ['?. deeper in the chain short-circuits the extension', '$json.missing?.a.b.first()', undefined],
    ['an extension result followed by ?.', '$json.list.first()?.toFixed(1)', '3.0'],
    ['?.() on an extension', '$json.list.first?.()', 3],
    ['?.() on a name no type has', '$json.text.nothing?.()', undefined],
    ['?.() on an extension the type lacks', '$json.text.sum?.()', undefined],
    ['?.() keeps this on a native method', '$json.obj.greet?.()', 'hi x'],
    ['?.() on a missing native method', '$json.obj.missing?.()', undefined],
    ['?. chains mixing natives and extensions', "$json.obj?.greet?.().split(' ').last().toTitleCase()", 'X'],
    ['?.[] computed members in a lowered chain', "$json?.['list']?.[0]?.toBoolean()", true],
    ['a plain ?. chain without extensions', '$json.missing?.a.b', undefined],
    ['the left side of ?. is evaluated once', '[counter.calls++].first()?.toString() + counter.calls', '01'],
  ])('optional chaining: %s', (_name, code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });

  it.each([
    ['an extension on undefined', '$json.missing.first()', "first can't be used on undefined value"],
    ['an extension on null', '$json.nil.sum()', "sum can't be used on null value"],
    ['an extension of one other type', '(5).first()', 'first() is only callable on type "Array"'],
    [
      'an extension of several other types',
      '({}).format()',
      'format() is only callable on types "Date", and "Number"',
    ],
    [
      'an extension of three other types',
      '(5).toJsonString()',
      'toJsonString() is only callable on types "Array", "Object", and "String"',
    ],
    ['a missing native method', '$json.obj.nothing()', 'nothing is not a function'],
  ])('reports %s', (_name, code, message) => {
    expect(() => evaluate(code)).toThrow(ExpressionError);
    expect(() => evaluate(code)).toThrow(message);
  });

  it('tells how to make a null-safe call', () => {
    try {
      evaluate('$json.missing.first()');
    } catch (error) {
      expect((error as ExpressionError).description).toContain('my_var?.first');
    }
    expect.assertions(1);
  });

  it('refuses unsafe names even when called directly', () => {
    expect(() => extend({}, 'constructor', [])).toThrow('security concerns');
    expect(() => extendOptional({}, '__proto__')).toThrow('security concerns');
  });
});

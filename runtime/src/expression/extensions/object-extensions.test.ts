import { describe, expect, it } from 'vitest';

import { compileExpression } from '../index.js';

const person = { name: 'Mr Nathan', city: 'hanoi', age: 42 };
const evaluate = (code: string): unknown => compileExpression(`={{ ${code} }}`).evaluate({ person });

describe('object extensions', () => {
  it.each<[string, unknown]>([
    ['({}).isEmpty()', true],
    ["({ name: 'Nathan' }).isEmpty()", false],
    ["({ name: 'Nathan' }).isNotEmpty()", true],
    ["person.hasField('name')", true],
    ["person.hasField('Name')", false],
    ["person.removeField('name')", { city: 'hanoi', age: 42 }],
    ["person.removeField('missing')", person],
    ["person.removeFieldsContaining('Nathan')", { city: 'hanoi', age: 42 }],
    ["person.removeFieldsContaining('han')", { age: 42 }],
    ["person.keepFieldsContaining('han')", { name: 'Mr Nathan', city: 'hanoi' }],
    ["person.keepFieldsContaining('nathan')", {}],
    // As n8n, emptiness is judged before compacting: { a: undefined } has a key, so it stays (as {}).
    [
      "({ x: null, y: 2, z: '', e: {}, n: { a: undefined }, m: { b: 'nil', c: 1 } }).compact()",
      { y: 2, n: {}, m: { c: 1 } },
    ],
    ['person.keys()', ['name', 'city', 'age']],
    ['person.values()', ['Mr Nathan', 'hanoi', 42]],
    ["({ name: 'Mr Nathan', city: 'hanoi' }).urlEncode()", 'name=Mr+Nathan&city=hanoi'],
    ['({ a: 1 }).toJsonString()', '{"a":1}'],
    ['person.toInt()', undefined],
  ])('%s', (code, expected) => {
    expect(evaluate(code)).toEqual(expected);
  });

  it('does not modify the object it was called on', () => {
    evaluate("person.removeField('name')");
    expect(person.name).toBe('Mr Nathan');
  });

  it.each([
    ["person.keepFieldsContaining('')", 'argument of keepFieldsContaining must be a non-empty string'],
    ['person.removeFieldsContaining(1)', 'removeFieldsContaining(): expected non-empty string arg'],
  ])('%s throws', (code, message) => {
    expect(() => evaluate(code)).toThrow(message);
  });
});

import { describe, expect, it } from 'vitest';
import { parseJsObject } from './parse-js-object.js';

describe('parseJsObject', () => {
  it.each([
    ['JSON', '{"a": [1, 2]}', { a: [1, 2] }],
    ['unquoted keys and single quotes', "{a: 'x', b: [true, null]}", { a: 'x', b: [true, null] }],
    ['trailing commas and comments', '{ /* c */ a: 1, // d\n b: -2.5e1, }', { a: 1, b: -25 }],
    ['escapes', "{a: 'it\\'s\\n'}", { a: "it's\n" }],
  ])('%s', (_name, text, expected) => {
    expect(parseJsObject(text)).toEqual(expected);
  });

  it.each([
    ['a call', '{a: alert(1)}'],
    ['garbage', '{a: }'],
    ['an identifier', 'process'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseJsObject(text)).toThrow(SyntaxError);
  });
});

import { describe, expect, it } from 'vitest';

import { ExpressionSyntaxError } from './expression-error.js';
import { splitTemplate } from './split-template.js';
import type { TemplatePart } from './split-template.js';

const text = (value: string): TemplatePart => ({ kind: 'text', text: value });
const code = (value: string): TemplatePart => ({ kind: 'code', code: value });

describe('splitTemplate', () => {
  it.each<[string, string, TemplatePart[]]>([
    ['plain text', 'hello', [text('hello')]],
    ['empty template', '', []],
    ['one segment', '{{ $json.a }}', [code(' $json.a ')]],
    ['text around a segment', 'Hi {{ name }}!', [text('Hi '), code(' name '), text('!')]],
    ['adjacent segments', '{{ 1 }}{{ 2 }}', [code(' 1 '), code(' 2 ')]],
    ["'}}' in a single-quoted string", "{{ '}}' }}", [code(" '}}' ")]],
    ["'}}' in a double-quoted string", '{{ "a}}b" + x }} tail', [code(' "a}}b" + x '), text(' tail')]],
    ["'}}' in a template literal", '{{ `a}}b` }}', [code(' `a}}b` ')]],
    ['nested braces in a template literal', '{{ `${ {x: 1}.x }}` }}', [code(' `${ {x: 1}.x }}` ')]],
    ['nested object literals', '{{ {a: {b: 1}} }}', [code(' {a: {b: 1}} ')]],
    ['object literal closing right before }}', '{{ {a: 1}}}', [code(' {a: 1}')]],
    ["'}}' in a regular expression", '{{ /}}/.test(s) }}', [code(' /}}/.test(s) ')]],
    [
      'arrow function with a block body',
      '{{ (() => { return {a: 1} })() }} x',
      [code(' (() => { return {a: 1} })() '), text(' x')],
    ],
    [
      'line comment before }} (n8n fallback)',
      '{{ $json.a // note }} and {{ b }}',
      [code(' $json.a // note '), text(' and '), code(' b ')],
    ],
    ['escaped \\{{ stays literal text', '\\{{ not code }} {{ x }}', [text('\\{{ not code }} '), code(' x ')]],
    ['single braces are text', 'a { b } c', [text('a { b } c')]],
    ['a third brace after }} is text', '{{ a }}}', [code(' a '), text('}')]],
  ])('%s', (_name, template, expected) => {
    expect(splitTemplate(template)).toEqual(expected);
  });

  it.each([
    ['unclosed segment', 'Hi {{ name'],
    ['}} only inside a string', "{{ '}}' "],
    ['unterminated template literal', '{{ `abc }}'],
  ])('rejects an %s', (_name, template) => {
    expect(() => splitTemplate(template)).toThrow(ExpressionSyntaxError);
  });
});

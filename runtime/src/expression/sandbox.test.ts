import { describe, expect, it } from 'vitest';

import { compileExpression, ExpressionError, ExpressionSyntaxError } from './index.js';

const scope = { $json: { a: 1 } };
const evaluate = (source: string): unknown => compileExpression(source).evaluate(scope);

describe('sandbox: rejected before running', () => {
  it.each([
    ['this', '={{ this }}', '"this" is not available'],
    ['this.constructor', '={{ this.constructor }}', 'invalid constructor function call'],
    [
      'a function constructor',
      "={{ (function(){}).constructor('return process')() }}",
      'invalid constructor function call',
    ],
    ['a quoted constructor key', "={{ (() => 1)['constructor'] }}", 'invalid constructor function call'],
    [
      'a template-literal constructor key',
      '={{ (() => 1)[`constructor`] }}',
      'invalid constructor function call',
    ],
    ['__proto__', '={{ ({}).__proto__ }}', 'Cannot access "__proto__"'],
    ['prototype', '={{ Array.prototype }}', 'Cannot access "prototype"'],
    ['getPrototypeOf', '={{ Object.getPrototypeOf(1) }}', 'Cannot access "getPrototypeOf"'],
    ['__lookupGetter__', "={{ ({}).__lookupGetter__('__proto__') }}", 'Cannot access "__lookupGetter__"'],
    [
      'destructuring constructor',
      '={{ (() => { const { constructor: c } = () => 1; return c })() }}',
      'invalid constructor function call',
    ],
    [
      'computed destructuring',
      "={{ (() => { const { ['constr' + 'uctor']: c } = () => 1; return c })() }}",
      'Computed property names',
    ],
    ['eval', "={{ eval('1') }}", 'eval is not allowed'],
    ['import()', "={{ import('node:fs') }}", 'import() is not allowed'],
    ['with', '={{ (() => { with ({}) { return 1 } })() }}', 'with statements are not allowed'],
    ['reserved compiler names', '={{ __bf }}', 'reserved name'],
    ['a bare $', '={{ $ }}', 'Cannot access "$" without calling it as a function'],
    ['$ used as an object', '={{ $.x }}', 'Cannot access "$" without calling it as a function'],
  ])('%s', (_name, source, message) => {
    expect(() => compileExpression(source)).toThrow(ExpressionSyntaxError);
    expect(() => compileExpression(source)).toThrow(message);
  });

  it('allows $ as a call and as a property name', () => {
    const variables = { $: (name: string) => ({ json: { name } }), obj: { $: 'dollar' } };
    expect(compileExpression("={{ $('Node').json.name + obj.$ }}").evaluate(variables)).toBe('Nodedollar');
  });
});

describe('sandbox: blocked while running', () => {
  it.each([
    [
      'a computed constructor key',
      "={{ (() => 1)['constr' + 'uctor']('return process')() }}",
      'Cannot access "constructor"',
    ],
    ['a key from an array', "={{ $json[['__proto__'][0]] }}", 'Cannot access "__proto__"'],
    [
      'a key object whose toString lies',
      "={{ $json[{ toString: () => 'constructor' }] }}",
      'Cannot access "constructor"',
    ],
    [
      'a computed key inside a lowered optional chain',
      "={{ $json?.[['__pro', 'to__'].join('')]?.first() }}",
      'Cannot access "__proto__"',
    ],
    [
      're-running a compiled function over another scope',
      '={{ (function f() { return f.caller({}) })() }}',
      'own sandbox',
    ],
  ])('%s', (_name, source, message) => {
    expect(() => evaluate(source)).toThrow(ExpressionError);
    expect(() => evaluate(source)).toThrow(message);
  });
});

describe('sandbox: real globals are out of reach', () => {
  it.each([
    'process',
    'require',
    'globalThis',
    'global',
    'module',
    'Function',
    'Reflect',
    'Proxy',
    'Promise',
    'setTimeout',
    'fetch',
    'Buffer',
    'WebAssembly',
    'arguments',
    'constructor',
    'hasOwnProperty',
  ])('%s reads as undefined', (name) => {
    expect(evaluate(`={{ ${name} }}`)).toBeUndefined();
  });

  it.each([
    ['Object.defineProperty', '={{ typeof Object.defineProperty }}'],
    ['Object.getOwnPropertyDescriptor', '={{ typeof Object.getOwnPropertyDescriptor }}'],
    ['Object.setPrototypeOf', '={{ typeof Object.setPrototypeOf }}'],
    ['Error.captureStackTrace', '={{ typeof Error.captureStackTrace }}'],
    ['Error.prepareStackTrace', '={{ typeof Error.prepareStackTrace }}'],
  ])('%s is removed from the safe globals', (_name, source) => {
    expect(evaluate(source)).toBe('undefined');
  });

  it('cannot monkey-patch the real globals', () => {
    const abs = Math.abs;
    const prepareStackTrace = (Error as { prepareStackTrace?: unknown }).prepareStackTrace;
    evaluate(
      '={{ (() => { Math.abs = null; JSON.parse = null; Error.prepareStackTrace = () => 1; return 1 })() }}',
    );
    expect(Math.abs).toBe(abs);
    expect(typeof JSON.parse).toBe('function');
    expect((Error as { prepareStackTrace?: unknown }).prepareStackTrace).toBe(prepareStackTrace);
  });

  it('Object.create ignores property descriptors', () => {
    expect(
      evaluate('={{ Object.keys(Object.create(null, { x: { value: 1, enumerable: true } })) }}'),
    ).toEqual([]);
  });

  it('keeps the safe globals usable', () => {
    expect(
      evaluate(
        "={{ [Math.max(1, 2), JSON.stringify({a: 1}), Object.keys({b: 1})[0], new Date(0).getTime(), Number.isInteger(2), parseInt('7')] }}",
      ),
    ).toEqual([2, '{"a":1}', 'b', 0, true, 7]);
  });
});

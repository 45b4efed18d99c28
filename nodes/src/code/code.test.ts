import { describe, expect, it } from 'vitest';
import type { RunData } from '@budflow/runtime';
import { errorOf, jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';
import { expectFixtureToConform } from '../test-support/run-workflow.test-support.js';

const allItems = (jsCode: string) => ({ mode: 'runOnceForAllItems', jsCode });
const eachItem = (jsCode: string) => ({ mode: 'runOnceForEachItem', jsCode });
const two = jsonItems({ value: 1 }, { value: 2 });

describe('Code conformance with n8n', () => {
  it.each(['Code/test/Code.workflow.json', 'Code/test/ImmutableOutput.workflow.json'])('%s', async (file) => {
    await expectFixtureToConform(file);
  });
});

describe('Code: run once for all items', () => {
  it.each([
    ['plain objects', 'return [{ a: 1 }, { a: 2 }];', [{ a: 1 }, { a: 2 }]],
    ['items with json', 'return [{ json: { a: 1 } }];', [{ a: 1 }]],
    ['a single object', 'return { a: 1 };', [{ a: 1 }]],
    ['null (no items)', 'return null;', []],
    [
      '$input.all() changed in place',
      'for (const i of $input.all()) i.json.x = i.json.value * 10; return $input.all();',
      [
        { value: 1, x: 10 },
        { value: 2, x: 20 },
      ],
    ],
    ['legacy items', 'return items.map((i) => ({ sum: i.json.value + 1 }));', [{ sum: 2 }, { sum: 3 }]],
    [
      'awaited promises and timers',
      'await new Promise((r) => setTimeout(r, 5)); return [{ ok: true }];',
      [{ ok: true }],
    ],
    [
      'dates as ISO strings',
      "return [{ d: new Date('2024-01-01T00:00:00Z') }];",
      [{ d: '2024-01-01T00:00:00.000Z' }],
    ],
    [
      '$now from the injected clock',
      'return [{ now: $now.toISO() }];',
      [{ now: '2024-01-02T03:04:05.000Z' }],
    ],
    ['luxon DateTime', "return [{ y: DateTime.fromISO('2020-05-06').year }];", [{ y: 2020 }]],
    [
      '$json of the first item',
      'return [{ first: $json.value, n: $input.all().length }];',
      [{ first: 1, n: 2 }],
    ],
    [
      'no process, and a require of allow-listed modules only',
      'return [{ r: typeof require, p: typeof process }];',
      [{ r: 'function', p: 'undefined' }],
    ],
  ])('returns %s', async (_name, jsCode, expected) => {
    expect(
      await outputsOf({ type: 'code', typeVersion: 2, parameters: allItems(jsCode), inputs: [two] }),
    ).toEqual([expected]);
  });

  describe('require', () => {
    const withEnv = async (env: Record<string, string>, run: () => Promise<void>) => {
      const saved = { ...process.env };
      Object.assign(process.env, env);
      try {
        await run();
      } finally {
        for (const name of Object.keys(env)) delete process.env[name];
        Object.assign(process.env, saved);
      }
    };

    it('refuses a module nobody allowed, on the line that asked, saying how to allow it', async () => {
      const error = await errorOf({
        type: 'code',
        typeVersion: 2,
        parameters: allItems("const x = 1;\nconst fs = require('fs');\nreturn [];"),
        inputs: [two],
      });
      expect(error.message).toBe("Cannot find module 'fs' [line 2]");
      expect(error.description).toContain('NODE_FUNCTION_ALLOW_BUILTIN=fs');
    });

    it('loads allow-listed built-ins (NODE_FUNCTION_ALLOW_BUILTIN) and nothing else', async () => {
      await withEnv({ NODE_FUNCTION_ALLOW_BUILTIN: 'crypto, url' }, async () => {
        expect(
          await outputsOf({
            type: 'code',
            typeVersion: 2,
            parameters: allItems(
              "const { createHash } = require('crypto');\nreturn [{ h: createHash('sha256').update('a').digest('hex').slice(0, 8), host: new (require('node:url').URL)('https://x.io/a').host }];",
            ),
            inputs: [two],
          }),
        ).toEqual([[{ h: 'ca978112', host: 'x.io' }]]);
        const refused = await errorOf({
          type: 'code',
          typeVersion: 2,
          parameters: allItems("return [{ x: require('child_process') }];"),
          inputs: [two],
        });
        expect(refused.message).toBe("Cannot find module 'child_process' [line 1]");
      });
    });

    it('loads allow-listed installed packages (NODE_FUNCTION_ALLOW_EXTERNAL)', async () => {
      await withEnv({ NODE_FUNCTION_ALLOW_EXTERNAL: 'luxon' }, async () => {
        expect(
          await outputsOf({
            type: 'code',
            typeVersion: 2,
            parameters: allItems("return [{ y: require('luxon').DateTime.fromISO('2021-02-03').year }];"),
            inputs: [two],
          }),
        ).toEqual([[{ y: 2021 }]]);
        const refused = await errorOf({
          type: 'code',
          typeVersion: 2,
          parameters: allItems("return [{ x: require('yaml') }];"),
          inputs: [two],
        });
        expect(refused.description).toContain('NODE_FUNCTION_ALLOW_EXTERNAL=yaml');
      });
    });
  });

  it('keeps the pairing of returned input items', async () => {
    const result = await runStep({
      type: 'code',
      typeVersion: 2,
      parameters: allItems('return [$input.last()];'),
      inputs: [two],
    });
    expect(result.ok && result.outputs[0]).toEqual([{ json: { value: 2 }, pairedItem: { item: 1 } }]);
  });

  it('does not change the input items it was given', async () => {
    const input = jsonItems({ value: 1 });
    await runStep({
      type: 'code',
      parameters: allItems('$input.first().json.value = 99; return [];'),
      inputs: [input],
    });
    expect(input[0]!.json).toEqual({ value: 1 });
  });

  it('logs console output to the step log', async () => {
    const result = await runStep({
      type: 'code',
      parameters: allItems("console.log('hello', { a: 1 }); console.warn('careful'); return [];"),
    });
    expect(result.logs).toEqual([
      { level: 'log', message: 'hello {"a":1}' },
      { level: 'warn', message: 'careful' },
    ]);
  });

  it("reads other nodes' items through $() without changing them", async () => {
    const runData: RunData = {
      Source: [
        {
          startTime: 0,
          executionTime: 0,
          executionStatus: 'success',
          source: [null],
          data: { main: [jsonItems({ id: 7 })] },
        },
      ],
    };
    const jsCode =
      "const first = $('Source').first(); first.json.id = 0; $node['Source'].json.id = 1;\n" +
      "return [{ id: $('Source').all()[0].json.id, legacy: $node['Source'].json.id, paired: $('Source').item.json.id }];";
    const source = [{ previousNode: 'Source', previousNodeOutput: 0, previousNodeRun: 0 }];
    const inputs = [jsonItems({ id: 7 })];
    expect(await outputsOf({ type: 'code', parameters: allItems(jsCode), runData, source, inputs })).toEqual([
      [{ id: 7, legacy: 7, paired: 7 }],
    ]);
  });

  it.each([
    ['a thrown error, with its line', "const a = 1;\nthrow new Error('boom');", 'boom [line 2]', undefined],
    [
      'a TypeError',
      'const o = null;\n\nreturn o.x;',
      "Cannot read properties of null (reading 'x') [line 3]",
      'TypeError',
    ],
    ['invalid JavaScript', 'return [;', "Unexpected token ';' [line 1]", 'SyntaxError'],
    ['an undefined variable', 'return item;', 'item is not defined [line 1]', 'ReferenceError'],
  ])('fails on %s', async (_name, jsCode, message, description) => {
    const error = await errorOf({
      type: 'code',
      name: 'My Code',
      parameters: allItems(jsCode),
      inputs: [two],
    });
    expect({ message: error.message, node: error.node, description: error.description }).toEqual({
      message,
      node: 'My Code',
      description,
    });
  });

  it.each([
    ['no return value', 'const a = 1;', "Code doesn't return items properly"],
    ['a primitive', 'return 5;', "Code doesn't return items properly"],
    ['an array of primitives', 'return [1, 2];', "Code doesn't return items properly"],
    ['a json that is not an object', 'return [{ json: 5 }];', "A 'json' property isn't an object [item 0]"],
    ['a stray top-level key', 'return [{ json: {}, extra: 1 }];', 'Invalid output format [item 0]'],
    [
      'a mix of items and plain objects',
      'return [{ json: {} }, { a: 1 }];',
      'Unknown top-level item key: a [item 1]',
    ],
  ])('rejects %s as output', async (_name, jsCode, message) => {
    const error = await errorOf({ type: 'code', parameters: allItems(jsCode), inputs: [two] });
    expect(error.message).toBe(message);
    expect(error.description).toBeTruthy();
  });

  it('puts the error into an item when continuing on fail', async () => {
    const parameters = allItems("throw new Error('boom');");
    expect(await outputsOf({ type: 'code', parameters, continueOnFail: true })).toEqual([
      [{ error: 'boom [line 1]' }],
    ]);
  });

  const python = (mode: string, pythonCode: string, language = 'python') => ({
    type: 'code',
    typeVersion: 2,
    parameters: { language, mode, pythonCode },
    inputs: [[{ json: { n: 1, name: 'ada' } }, { json: { n: 2, name: 'linus' } }]],
  });

  it.each([
    [
      'all items, n8n Pyodide style',
      python('runOnceForAllItems', 'return [{"json": {"total": sum(i.json.n for i in _input.all())}}]'),
      [{ total: 3 }],
    ],
    [
      'all items, native style',
      python(
        'runOnceForAllItems',
        'return [{"name": i["json"]["name"].upper()} for i in _items]',
        'pythonNative',
      ),
      [{ name: 'ADA' }, { name: 'LINUS' }],
    ],
    [
      'each item',
      python('runOnceForEachItem', '_json["double"] = _json["n"] * 2\nreturn _input.item'),
      [
        { n: 1, name: 'ada', double: 2 },
        { n: 2, name: 'linus', double: 4 },
      ],
    ],
  ])('runs Python: %s', async (_name, input, expected) => {
    expect((await outputsOf(input))[0]).toEqual(expected);
  });

  it('reports a Python error with its line', async () => {
    const error = await errorOf(python('runOnceForAllItems', 'x = 1\nreturn [{"json": {"v": 1 / 0}}]'));
    expect(error.message).toBe('ZeroDivisionError: division by zero [line 2]');
  });

  it('runs Python isolated from the environment (-I)', async () => {
    process.env.PYTHONSTARTUP_SECRET = 'nope';
    const [items] = await outputsOf(
      python(
        'runOnceForAllItems',
        'import os\nreturn [{"json": {"leak": os.environ.get("PYTHONSTARTUP_SECRET"), "isolated": __import__("sys").flags.isolated}}]',
      ),
    );
    expect(items![0]).toMatchObject({ isolated: 1 });
  });

  it('stops when the step is cancelled', async () => {
    const controller = new AbortController();
    const pending = errorOf({
      type: 'code',
      parameters: allItems('await new Promise(() => {});'),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 10);
    expect((await pending).message).toBe('The code was cancelled');
  });
});

describe('Code: run once for each item', () => {
  it.each([
    [
      '$json changes',
      '$json.double = $json.value * 2; return $input.item;',
      [
        { value: 1, double: 2 },
        { value: 2, double: 4 },
      ],
    ],
    [
      'legacy item',
      'return { json: { v: item.json.value, i: $itemIndex } };',
      [
        { v: 1, i: 0 },
        { v: 2, i: 1 },
      ],
    ],
    ['null skips the item', 'return $json.value === 1 ? null : { kept: $json.value };', [{ kept: 2 }]],
  ])('returns %s', async (_name, jsCode, expected) => {
    expect(await outputsOf({ type: 'code', parameters: eachItem(jsCode), inputs: [two] })).toEqual([
      expected,
    ]);
  });

  it('pairs each output item with its input item', async () => {
    const result = await runStep({ type: 'code', parameters: eachItem('return { x: 1 };'), inputs: [two] });
    expect(result.ok && result.outputs[0]!.map((item) => item.pairedItem)).toEqual([
      { item: 0 },
      { item: 1 },
    ]);
  });

  it.each([
    ['an array', 'return [$json];', "Code doesn't return a single object [item 0]"],
    ['a string', "return 'x';", "Code doesn't return an object [item 0]"],
    [
      'a thrown error, with line and item',
      "if ($json.value === 2)\n  throw new Error('two');\nreturn $json;",
      'two [line 2, for item 1]',
    ],
    ['$input.all()', 'const all = $input.all();\nreturn {};', "Can't use .all() here [line 1, for item 0]"],
    ['an undefined variable', 'return items[0];', 'items is not defined [line 1, for item 0]'],
  ])('fails on %s', async (_name, jsCode, message) => {
    expect((await errorOf({ type: 'code', parameters: eachItem(jsCode), inputs: [two] })).message).toBe(
      message,
    );
  });

  it('reports each failing item and goes on when continuing on fail', async () => {
    const jsCode = "if ($json.value === 1) throw new Error('one'); return $json;";
    expect(
      await outputsOf({ type: 'code', parameters: eachItem(jsCode), inputs: [two], continueOnFail: true }),
    ).toEqual([[{ error: 'one [line 1, for item 0]' }, { value: 2 }]]);
  });
});

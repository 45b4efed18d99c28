import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@budflow/runtime';
import { jsonItems, outputsOf, runStep } from '../test-support/run-step.test-support.js';

const run = async (parameters: JsonObject, ...inputs: JsonObject[]) =>
  (await outputsOf({ type: 'xml', parameters, inputs: [jsonItems(...inputs)] }))[0];

describe('XML', () => {
  it('parses XML with n8n defaults: merged attributes, no explicit arrays', async () => {
    expect(await run({}, { data: '<r a="1"><x>2</x><x>3</x></r>' })).toEqual([
      { r: { a: '1', x: ['2', '3'] } },
    ]);
  });

  it('honours parser options', async () => {
    expect(
      await run(
        { options: { explicitRoot: false, mergeAttrs: false, attrkey: '@' } },
        { data: '<r a="1"><x>2</x></r>' },
      ),
    ).toEqual([{ '@': { a: '1' }, x: '2' }]);
  });

  it('builds XML from the item, headless on request', async () => {
    expect(await run({ mode: 'jsonToxml', options: { headless: true } }, { a: { b: 1 } })).toEqual([
      { data: '<a>\n  <b>1</b>\n</a>' },
    ]);
    expect(
      await run({ mode: 'jsonToxml', dataPropertyName: 'x', options: { rootName: 'root' } }, { a: 1, b: 2 }),
    ).toEqual([
      {
        x: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<root>\n  <a>1</a>\n  <b>2</b>\n</root>',
      },
    ]);
  });

  it('keeps prototype keys out of the result', async () => {
    const [json] = (await run({}, { data: '<r><__proto__>x</__proto__></r>' }))!;
    expect(Object.keys(json!.r as JsonObject)).toEqual(['___proto__']);
  });

  it('fails on a missing property; with "continue on fail" the item is dropped like n8n does', async () => {
    const failed = await runStep({ type: 'xml', parameters: { dataPropertyName: 'nope' } });
    expect(failed.ok ? '' : failed.error.message).toBe('Item has no JSON property called "nope"');
    const continued = await runStep({
      type: 'xml',
      parameters: { dataPropertyName: 'nope' },
      continueOnFail: true,
    });
    expect(continued.ok && continued.outputs).toEqual([[]]);
  });

  it('refuses attribute keys that reach prototypes', async () => {
    const result = await runStep({ type: 'xml', parameters: { options: { attrkey: '__proto__' } } });
    expect(result.ok ? '' : result.error.message).toBe(
      'The "Attribute Key" option value "__proto__" is not allowed',
    );
  });
});

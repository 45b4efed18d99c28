import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@budflow/runtime';
import { capitalizeHeader } from './html-table.js';
import { jsonItems, outputsOf } from '../test-support/run-step.test-support.js';

const page =
  '<html><body><h1 class="t">Title</h1><p> One </p><p>Two</p><a href="/x">link</a><input value="v"/><img src="i.png"/></body></html>';
const extract = async (
  values: JsonObject[],
  typeVersion = 1.2,
  options: JsonObject = {},
  data: unknown = page,
) =>
  (
    await outputsOf({
      type: 'html',
      typeVersion,
      parameters: { operation: 'extractHtmlContent', extractionValues: { values }, options },
      inputs: [jsonItems({ data } as JsonObject)],
    })
  )[0] ?? [];

describe('HTML: extract content', () => {
  it.each([
    ['text', { key: 'k', cssSelector: 'h1' }, 'Title'],
    [
      'html',
      { key: 'k', cssSelector: 'body', returnValue: 'html' },
      '<h1 class="t">Title</h1><p> One </p><p>Two</p><a href="/x">link</a><input value="v"><img src="i.png">',
    ],
    ['attribute', { key: 'k', cssSelector: 'a', returnValue: 'attribute', attribute: 'href' }, '/x'],
    ['value', { key: 'k', cssSelector: 'input', returnValue: 'value' }, 'v'],
  ])('returns the %s of the selection', async (_name, value, expected) => {
    expect(await extract([value])).toEqual([{ k: expected }]);
  });

  it('returns arrays per element, with trimmed values', async () => {
    expect(
      await extract([{ key: 'p', cssSelector: 'p', returnArray: true }], 1.1, { trimValues: true }),
    ).toEqual([{ p: ['One', 'Two'] }]);
  });

  it('converts text with html-to-text from v1.2, skipping selectors', async () => {
    const [json] = await extract([{ key: 'k', cssSelector: 'body', skipSelectors: 'img, a, h1' }], 1.2, {
      cleanUpText: true,
    });
    // Clean-up drops the line breaks html-to-text puts between paragraphs, as in n8n.
    expect(json).toEqual({ k: 'OneTwo' });
  });

  it('reads a list of documents and fails on a missing property', async () => {
    expect(await extract([{ key: 'k', cssSelector: 'b' }], 1, {}, ['<b>1</b>', '<b>2</b>'])).toEqual([
      { k: '1' },
      { k: '2' },
    ]);
    await expect(
      outputsOf({
        type: 'html',
        typeVersion: 1.2,
        parameters: { operation: 'extractHtmlContent', dataPropertyName: 'nope' },
      }),
    ).rejects.toThrow('No property named "nope" exists!');
  });
});

describe('HTML: templates and tables', () => {
  it('fills {{ }} in the template for each item', async () => {
    const [out] = await outputsOf({
      type: 'html',
      typeVersion: 1.2,
      parameters: { html: '<p>{{ $json.name }} / {{ 1 + 1 }}</p>' },
      inputs: [jsonItems({ name: 'Ann' }, { name: 'Bo' })],
    });
    expect(out).toEqual([{ html: '<p>Ann / 2</p>' }, { html: '<p>Bo / 2</p>' }]);
  });

  it('renders all items as one table', async () => {
    const [out] = await outputsOf({
      type: 'html',
      typeVersion: 1.2,
      parameters: {
        operation: 'convertToHtmlTable',
        options: { customStyling: true, capitalize: true, caption: 'C' },
      },
      inputs: [jsonItems({ first_name: 'Ann', ok: true }, { first_name: 'Bo' })],
    });
    expect(out).toEqual([
      {
        table:
          '<table  ><caption>C</caption><thead  ><tr><th>First Name</th><th>Ok</th></tr></thead><tbody>' +
          '<tr  ><td  >Ann</td><td  ><input type="checkbox" checked="checked"/></td></tr>' +
          '<tr  ><td  >Bo</td><td  >undefined</td></tr></tbody></table>',
      },
    ]);
  });

  it.each([
    ['first_name', true, 'First Name'],
    ['first_name', false, 'first_name'],
    ['__a__b', true, 'A B'],
  ])('capitalizes %s (%s) as %s', (header, capitalize, expected) => {
    expect(capitalizeHeader(header, capitalize)).toBe(expected);
  });
});

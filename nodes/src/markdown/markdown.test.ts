import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@budflow/runtime';
import { jsonItems, outputsOf } from '../test-support/run-step.test-support.js';

const run = async (parameters: JsonObject, input: JsonObject = { keep: 1 }) =>
  (await outputsOf({ type: 'markdown', parameters, inputs: [jsonItems(input)] }))[0]![0];

describe('Markdown', () => {
  it('converts HTML to Markdown into the destination key, keeping the item', async () => {
    expect(await run({ html: '<h2>Hi</h2><ul><li>a</li></ul>', destinationKey: 'out.md' })).toEqual({
      keep: 1,
      out: { md: '## Hi\n\n* a' },
    });
  });

  it.each([
    ['bullet marker', { bulletMarker: '-' }, '<ul><li>a</li></ul>', '- a'],
    [
      'text replacement',
      { textReplace: { values: [{ pattern: 'World', replacement: 'There' }] } },
      '<p>Hello World</p>',
      'Hello There',
    ],
    ['strong delimiter', { strongDelimiter: '__' }, '<b>x</b>', '__x__'],
  ])('honours the HTML option %s', async (_name, options, html, expected) => {
    expect((await run({ html, options }))!.data).toBe(expected);
  });

  it('converts Markdown to HTML with showdown options', async () => {
    expect((await run({ mode: 'markdownToHtml', markdown: '# Title' }))!.data).toBe(
      '<h1 id="title">Title</h1>',
    );
    expect(
      (await run({ mode: 'markdownToHtml', markdown: '# Title', options: { noHeaderId: true } }))!.data,
    ).toBe('<h1>Title</h1>');
    expect(
      (await run({ mode: 'markdownToHtml', markdown: '~~x~~', options: { strikethrough: true } }))!.data,
    ).toBe('<p><del>x</del></p>');
  });
});

import type * as cheerio from 'cheerio';
import type { HtmlToTextOptions } from 'html-to-text';
import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { assertBinaryData, binaryToBuffer } from '../shared/binary-data.js';
import { getPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { pairedWith } from '../shared/paired-items.js';
import { lazyModule } from '../shared/lazy-module.js';

/** cheerio and html-to-text, loaded when the HTML node first extracts content. */
export const htmlLibraries = lazyModule(async () => ({
  cheerio: await import('cheerio'),
  htmlToText: await import('html-to-text'),
}));

export interface ExtractionValue {
  key: string;
  cssSelector: string;
  returnValue: 'attribute' | 'html' | 'text' | 'value';
  attribute?: string;
  skipSelectors?: string;
  returnArray?: boolean;
}

interface ExtractOptions {
  trimValues?: boolean;
  cleanUpText?: boolean;
}

type Selection = cheerio.Cheerio<never>;

/** One output item per HTML document of the item (a string or a list of strings), with the extracted values. */
export function extractHtmlContent(ctx: NodeExecutionContext, item: Item, itemIndex: number): Item[] {
  const property = ctx.getParameter<string>('dataPropertyName', itemIndex, 'data');
  const values =
    ctx.getParameter<{ values?: ExtractionValue[] }>('extractionValues', itemIndex, {}).values ?? [];
  const options = ctx.getParameter<ExtractOptions>('options', itemIndex, {});
  const version = ctx.node.typeVersion;
  const documents = ([] as unknown[]).concat(htmlOf(ctx, item, itemIndex, property));
  return documents.map((html) => {
    const $ = htmlLibraries.get().cheerio.load(html as string);
    const json: JsonObject = {};
    for (const value of values) {
      const selection = $(value.cssSelector) as Selection;
      json[value.key] = value.returnArray
        ? selection.toArray().map((element) => extractValue($(element) as Selection, value, options, version))
        : extractValue(selection, value, options, version);
    }
    return { json, pairedItem: pairedWith(itemIndex) };
  });
}

function htmlOf(ctx: NodeExecutionContext, item: Item, itemIndex: number, property: string): unknown {
  if (ctx.getParameter<string>('sourceData', itemIndex, 'json') === 'binary') {
    return binaryToBuffer(assertBinaryData(item, property, itemIndex), itemIndex).toString('utf-8');
  }
  // v1 reads a top-level key (also written ['key']); later versions a dot path.
  const value =
    ctx.node.typeVersion === 1 ? item.json[topLevelKey(item.json, property)] : getPath(item.json, property);
  if (value === undefined) throw operationError(`No property named "${property}" exists!`, { itemIndex });
  return value;
}

function topLevelKey(json: JsonObject, key: string): string {
  if (json[key] !== undefined) return key;
  const quoted = /^\[(['"])(.*)\1\]$/.exec(key);
  return quoted && json[quoted[2]!] !== undefined ? quoted[2]! : key;
}

function extractValue(
  selection: Selection,
  value: ExtractionValue,
  options: ExtractOptions,
  version: number,
): string | undefined {
  let text = rawValue(selection, value, version);
  if (text === undefined) return undefined;
  if (options.trimValues) text = text.trim();
  if (options.cleanUpText) {
    text = text
      .replace(/^\s+|\s+$/g, '')
      .replace(/(\r\n|\n|\r)/gm, '')
      .replace(/\s+/g, ' ');
  }
  return text;
}

function rawValue(selection: Selection, value: ExtractionValue, version: number): string | undefined {
  switch (value.returnValue) {
    case 'attribute':
      return selection.attr(value.attribute ?? '');
    case 'html':
      return selection.html() || undefined;
    case 'value': {
      const val = selection.val();
      if (val === undefined) return undefined;
      return Array.isArray(val) ? val.join(',') : val;
    }
    default: {
      if (version <= 1.1) return selection.text() || undefined;
      const options: HtmlToTextOptions | undefined = value.skipSelectors
        ? { selectors: value.skipSelectors.split(',').map((s) => ({ selector: s.trim(), format: 'skip' })) }
        : undefined;
      return htmlLibraries.get().htmlToText.convert(selection.html() || '', options);
    }
  }
}

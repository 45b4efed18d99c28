import { z } from 'zod';
import { Builder, Parser } from 'xml2js';
import type { BuilderOptions, ParserOptions } from 'xml2js';
import { param, parameters } from '@budflow/runtime';
import type { Item, JsonObject, NodeType } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { pairedWith } from '../shared/paired-items.js';

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

const xmlParameters = parameters({
  mode: param.options(['jsonToxml', 'xmlToJson']).default('xmlToJson'),
  dataPropertyName: param.string().default('data'),
  // xml2js Builder options (JSON to XML) or Parser options (XML to JSON); unset ones keep xml2js defaults.
  options: z.looseObject({}).default({}),
});

/** XML: converts item JSON to an XML string and XML strings to JSON, with xml2js as n8n does. */
export const xml: NodeType = {
  type: 'xml',
  n8nType: 'n8n-nodes-base.xml',
  displayName: 'XML',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => xmlParameters,
  execute: async (ctx, inputs) => {
    const items = inputs[0] ?? [];
    const mode = ctx.getParameter<string>('mode', 0, 'xmlToJson');
    const property = ctx.getParameter<string>('dataPropertyName', 0, 'data');
    const options = checkedOptions(ctx.getParameter<JsonObject>('options', 0, {}));
    const out: Item[] = [];
    for (const [itemIndex, item] of items.entries()) {
      try {
        if (mode === 'xmlToJson') {
          out.push({ json: await xmlToJson(item, property, options, itemIndex) });
        } else if (mode === 'jsonToxml') {
          const text = new Builder(options as BuilderOptions).buildObject(item.json);
          out.push({ json: { [property]: text }, pairedItem: pairedWith(itemIndex) });
        } else {
          throw operationError(`The operation "${mode}" is not known!`, { itemIndex });
        }
      } catch (error) {
        // n8n replaces the failed *input* item with the error and outputs nothing for it; we keep that.
        if (ctx.continueOnFail) continue;
        throw error;
      }
    }
    return [out];
  },
};

async function xmlToJson(
  item: Item,
  property: string,
  options: JsonObject,
  itemIndex: number,
): Promise<JsonObject> {
  const text = item.json[property];
  if (text === undefined)
    throw operationError(`Item has no JSON property called "${property}"`, { itemIndex });
  const parser = new Parser({
    mergeAttrs: true,
    explicitArray: false,
    ...options,
    tagNameProcessors: [sanitizeXmlName],
    attrNameProcessors: [sanitizeXmlName],
  } as ParserOptions);
  const parsed: unknown = await parser.parseStringPromise(String(text));
  // Plain JSON, like n8n's deepCopy of the parser's result (an empty document parses to null).
  return (JSON.parse(JSON.stringify(parsed ?? {})) ?? {}) as JsonObject;
}

/** Attribute and character keys become object keys: n8n refuses the ones that reach prototypes. */
function checkedOptions(options: JsonObject): JsonObject {
  const checked = { ...options };
  for (const [key, label] of [
    ['attrkey', 'Attribute Key'],
    ['charkey', 'Character Key'],
  ] as const) {
    if (checked[key] === undefined) continue;
    checked[key] = String(checked[key]);
    if (FORBIDDEN_KEYS.includes(checked[key] as string)) {
      throw operationError(`The "${label}" option value "${String(checked[key])}" is not allowed`);
    }
  }
  return checked;
}

/** Tag and attribute names that would reach an object's prototype are prefixed instead. */
function sanitizeXmlName(name: string): string {
  return FORBIDDEN_KEYS.includes(name) ? `_${name}` : name;
}

import { z } from 'zod';
import type { NodeHtmlMarkdownOptions } from 'node-html-markdown';
import { param, parameters } from '@budflow/runtime';
import type { Item, JsonObject, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { messageOf } from '../shared/item-error.js';
import { setPath } from '../shared/object-path.js';
import { pairedWith } from '../shared/paired-items.js';
import { lazyModule } from '../shared/lazy-module.js';

/** showdown and node-html-markdown, loaded when a Markdown node first runs. */
const converters = lazyModule(async () => ({
  showdown: (await import('showdown')).default,
  NodeHtmlMarkdown: (await import('node-html-markdown')).NodeHtmlMarkdown,
}));

const markdownParameters = parameters({
  mode: param.options(['markdownToHtml', 'htmlToMarkdown']).default('htmlToMarkdown'),
  html: param.json().default(''),
  markdown: param.json().default(''),
  destinationKey: param.string().default('data'),
  // node-html-markdown options (HTML to Markdown) or showdown options (Markdown to HTML), set ones only.
  options: z.looseObject({}).default({}),
});

interface Replacement {
  pattern?: string;
  replacement?: string;
}

/** Markdown: HTML to Markdown with node-html-markdown, Markdown to HTML with showdown, as n8n does. */
export const markdown: NodeType = {
  type: 'markdown',
  n8nType: 'n8n-nodes-base.markdown',
  displayName: 'Markdown',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => markdownParameters,
  execute: async (ctx, inputs) => {
    await converters.load();
    const items = inputs[0] ?? [];
    const mode = ctx.getParameter<string>('mode', 0, 'htmlToMarkdown');
    const out: Item[] = [];
    for (const [i, item] of items.entries()) {
      try {
        const converted = mode === 'htmlToMarkdown' ? htmlToMarkdown(ctx, i) : markdownToHtml(ctx, i);
        const json = structuredClone(item.json);
        setPath(json, ctx.getParameter<string>('destinationKey', i, 'data'), converted);
        out.push({ json, pairedItem: pairedWith(i) });
      } catch (error) {
        if (!ctx.continueOnFail) throw error;
        out.push({ json: { error: messageOf(error) }, pairedItem: pairedWith(i) });
      }
    }
    return [out];
  },
};

function htmlToMarkdown(ctx: NodeExecutionContext, i: number): string {
  const options = { ...ctx.getParameter<JsonObject>('options', i, {}) };
  const textReplace = ctx.getParameter<Replacement[]>('options.textReplace.values', i, []);
  options.textReplace = textReplace.length
    ? textReplace.map((entry) => [entry.pattern, entry.replacement])
    : undefined;
  options.lineStartEscape = pair(ctx.getParameter<Replacement>('options.lineStartEscape.value', i, {}));
  options.globalEscape = pair(ctx.getParameter<Replacement>('options.globalEscape.value', i, {}));
  options.ignore = splitList(options.ignore);
  options.blockElements = splitList(options.blockElements);
  // Only options that are set (truthy) reach the converter, as in n8n.
  const set = Object.fromEntries(Object.entries(options).filter(([, value]) => Boolean(value)));
  return converters
    .get()
    .NodeHtmlMarkdown.translate(
      String(ctx.getParameter('html', i, '')),
      set as Partial<NodeHtmlMarkdownOptions>,
    );
}

function markdownToHtml(ctx: NodeExecutionContext, i: number): string {
  const converter = new (converters.get().showdown.Converter)();
  for (const [key, value] of Object.entries(ctx.getParameter<JsonObject>('options', i, {}))) {
    converter.setOption(key, value);
  }
  return converter.makeHtml(String(ctx.getParameter('markdown', i, '')));
}

function pair(entry: Replacement): [string | undefined, string | undefined] | undefined {
  return Object.keys(entry).length ? [entry.pattern, entry.replacement] : undefined;
}

function splitList(value: unknown): string[] | undefined {
  return typeof value === 'string' && value ? value.split(',').map((element) => element.trim()) : undefined;
}

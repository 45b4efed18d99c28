import type { Item, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { messageOf } from '../shared/item-error.js';
import { pairedWith } from '../shared/paired-items.js';
import { extractHtmlContent, htmlLibraries } from './extract-html-content.js';
import { htmlParameters } from './html-parameters.js';
import { convertToHtmlTable } from './html-table.js';

/** HTML: fills an HTML template, extracts values with CSS selectors (cheerio), or renders items as a table. */
export const html: NodeType = {
  type: 'html',
  readsBinaryData: true,
  n8nType: 'n8n-nodes-base.html',
  displayName: 'HTML',
  versions: [1, 1.1, 1.2],
  inputs: () => 1,
  outputs: () => 1,
  parameters: htmlParameters,
  execute: async (ctx, inputs) => {
    const items = inputs[0] ?? [];
    const operation = ctx.getParameter<string>('operation', 0, 'generateHtmlTemplate');
    if (operation === 'extractHtmlContent') await htmlLibraries.load();
    if (operation === 'convertToHtmlTable') return [items.length ? [convertToHtmlTable(ctx, items)] : []];
    const out: Item[] = [];
    for (const [i, item] of items.entries()) {
      try {
        if (operation === 'generateHtmlTemplate') {
          out.push({ json: { html: renderTemplate(ctx, i) }, pairedItem: pairedWith(i) });
        } else if (operation === 'extractHtmlContent') {
          out.push(...extractHtmlContent(ctx, item, i));
        }
      } catch (error) {
        if (!ctx.continueOnFail) throw error;
        out.push({ json: { error: messageOf(error) }, pairedItem: pairedWith(i) });
      }
    }
    return [out];
  },
};

/** The template with each `{{ … }}` replaced by its value for the item (the template is not an expression). */
function renderTemplate(ctx: NodeExecutionContext, itemIndex: number): string {
  const raw = ctx.getRawParameter<string>('html', '');
  if (raw.startsWith('=')) return String(ctx.getParameter('html', itemIndex, ''));
  let rendered = raw;
  for (const resolvable of raw.match(/{{[\s\S]*?}}/g) ?? []) {
    rendered = rendered.replace(resolvable, () => String(ctx.evaluateExpression(resolvable, itemIndex)));
  }
  return rendered;
}

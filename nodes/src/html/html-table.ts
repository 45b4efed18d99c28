import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { pairedWith } from '../shared/paired-items.js';

interface TableOptions {
  capitalize?: boolean;
  customStyling?: boolean;
  caption?: string;
  tableAttributes?: string;
  headerAttributes?: string;
}

const TABLE_STYLE = "style='border-spacing:0; font-family:helvetica,arial,sans-serif'";
const HEADER_STYLE =
  "style='margin:0; padding:7px 20px 7px 0px; border-bottom:1px solid #eee; text-align:left; color:#888; font-weight:normal'";
const CELL_STYLE = "style='margin:0; padding:7px 20px 7px 0px; border-bottom:1px solid #eee'";

/** `first_name` → `First Name` when asked. */
export function capitalizeHeader(header: string, capitalize: boolean | undefined): string {
  if (!capitalize) return header;
  return header
    .split('_')
    .filter((word) => word)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

/** All items as one HTML table (n8n's markup, spacing included): one row per item, one column per key seen. */
export function convertToHtmlTable(ctx: NodeExecutionContext, items: Item[]): Item {
  const options = ctx.getParameter<TableOptions>('options', 0, {});
  const styled = !options.customStyling;
  const headers = [...new Set(items.flatMap((item) => Object.keys(item.json)))];
  let table = `<table ${styled ? TABLE_STYLE : ''} ${options.tableAttributes || ''}>`;
  if (options.caption) table += `<caption>${options.caption}</caption>`;
  table += `<thead ${styled ? HEADER_STYLE : ''} ${options.headerAttributes || ''}>`;
  table += `<tr>${headers.map((header) => `<th>${capitalizeHeader(header, options.capitalize)}</th>`).join('')}</tr>`;
  table += '</thead><tbody>';
  items.forEach((item, index) => {
    const rowAttributes = ctx.getParameter<string>('options.rowAttributes', index, '');
    const cellAttributes = ctx.getParameter<string>('options.cellAttributes', index, '');
    table += `<tr  ${rowAttributes}>`;
    table += headers.map((header) => cell(item.json, header, styled, cellAttributes)).join('');
    table += '</tr>';
  });
  table += '</tbody></table>';
  return { json: { table }, pairedItem: items.map((_item, index) => pairedWith(index)) };
}

function cell(row: JsonObject, header: string, styled: boolean, attributes: string): string {
  const value = row[header];
  const content =
    typeof value === 'boolean'
      ? `<input type="checkbox" ${value ? 'checked="checked"' : ''}/>`
      : String(value);
  return `<td ${styled ? CELL_STYLE : ''} ${attributes}>${content}</td>`;
}

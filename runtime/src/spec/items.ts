import { z } from 'zod';

/** A JSON value as it may appear in an item's `json`. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: unknown };

/** Where an output item came from: the index of an input item, and which input (default 0). */
export interface PairedItem {
  item: number;
  input?: number;
}

/** A reference to binary data held by a BinaryStore, never the bytes themselves past a threshold. */
export interface BinaryData {
  mimeType: string;
  fileName?: string;
  fileExtension?: string;
  fileSize?: number;
  /** base64 data for small payloads, as n8n keeps it in memory */
  data?: string;
  /** reference to the data store when the payload is large */
  id?: string;
}

/** n8n's INodeExecutionData: the unit of data flowing between nodes. */
export interface Item {
  json: JsonObject;
  binary?: Record<string, BinaryData>;
  pairedItem?: PairedItem | PairedItem[] | number;
}

/** Items per output index (or per input index). */
export type ItemLists = Item[][];

export const pairedItemSchema = z.union([
  z.number().int().nonnegative(),
  z.object({ item: z.number().int().nonnegative(), input: z.number().int().nonnegative().optional() }),
  z.array(z.object({ item: z.number().int().nonnegative(), input: z.number().int().nonnegative().optional() })),
]);

export const itemSchema = z
  .object({
    json: z.record(z.string(), z.unknown()).describe('The item data'),
    binary: z.record(z.string(), z.record(z.string(), z.unknown())).optional().describe('Binary attachments'),
    pairedItem: pairedItemSchema.optional(),
  })
  .describe('One item, as n8n passes between nodes');

/** Normalizes `pairedItem` to a list of `{item, input}`. */
export function pairedItemsOf(item: Item): PairedItem[] {
  const p = item.pairedItem;
  if (p === undefined) return [];
  if (typeof p === 'number') return [{ item: p, input: 0 }];
  if (Array.isArray(p)) return p;
  return [p];
}

/**
 * Accepts what people write as item data (a bare object, `{json}`, or a list of either)
 * and returns proper items.
 */
export function toItems(value: unknown): Item[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list.map((entry) => {
    if (isItemShaped(entry)) return entry as Item;
    if (entry !== null && typeof entry === 'object') return { json: entry as JsonObject };
    return { json: { value: entry } };
  });
}

function isItemShaped(entry: unknown): boolean {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return false;
  const keys = Object.keys(entry);
  const json = (entry as { json?: unknown }).json;
  return (
    keys.includes('json') &&
    json !== null &&
    typeof json === 'object' &&
    !Array.isArray(json) &&
    keys.every((k) => k === 'json' || k === 'binary' || k === 'pairedItem' || k === 'error')
  );
}

import type { BinaryData, DataStore, Item, JsonObject } from '@budflow/runtime';
import type { WebhookKind } from '../ports.js';
import type { ReceivedFile } from './parse-body.js';

export interface WebhookRequestData {
  headers: Record<string, string | string[] | undefined>;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
  webhookUrl: string;
  mode: WebhookKind;
  /** Claims of a verified JWT (jwtAuth) */
  jwtPayload?: JsonObject;
}

/**
 * The Webhook node's output item, as n8n builds it: `{ headers, params, query, body, webhookUrl,
 * executionMode }` (plus `jwtPayload` with JWT auth) and the received files as binary data.
 */
export function webhookItem(request: WebhookRequestData, files: readonly ReceivedFile[]): Item {
  const json: JsonObject = {
    headers: { ...request.headers },
    params: { ...request.params },
    query: request.query ?? {},
    body: request.body,
    webhookUrl: request.webhookUrl,
    executionMode: request.mode,
    ...(request.jwtPayload ? { jwtPayload: request.jwtPayload } : {}),
  };
  if (files.length === 0) return { json };
  const binary: Record<string, BinaryData> = {};
  for (const file of files) {
    binary[file.property] = {
      data: file.data.toString('base64'),
      mimeType: file.mimeType,
      ...(file.fileName ? { fileName: file.fileName } : {}),
      fileSize: file.data.length,
      ...(extensionOf(file) ? { fileExtension: extensionOf(file)! } : {}),
    };
  }
  return { json, binary };
}

function extensionOf(file: ReceivedFile): string | undefined {
  const dot = file.fileName?.lastIndexOf('.') ?? -1;
  return dot > 0 ? file.fileName!.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * Moves binary data larger than `limitBytes` into the data store (key `binary/<executionId>/<property>`),
 * leaving `{ id, mimeType, fileName, fileSize }` on the item: big uploads never travel inside a message.
 * Returns the keys written.
 */
export async function moveLargeBinaries(
  item: Item,
  executionId: string,
  store: DataStore,
  limitBytes: number,
): Promise<string[]> {
  const refs: string[] = [];
  for (const [property, binary] of Object.entries(item.binary ?? {})) {
    if (binary.data === undefined || (binary.fileSize ?? 0) <= limitBytes) continue;
    const key = `binary/${executionId}/${property}`;
    await store.put(key, binary.data);
    const { data: _data, ...rest } = binary;
    item.binary![property] = { ...rest, id: key };
    refs.push(key);
  }
  return refs;
}

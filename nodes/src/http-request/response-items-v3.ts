import type { Item, JsonObject } from '@budflow/runtime';
import { prepareBinaryData } from '../shared/binary-data.js';
import { operationError } from '../shared/operation-error.js';
import { pairedWith } from '../shared/paired-items.js';
import type { ResponseHandling } from './build-request-v3.js';
import { decodeText } from './decode-text.js';
import { headerValue } from './send-request.js';
import type { HttpResponse } from './send-request.js';

/** An answer whose body may already be decoded (pagination reads bodies to evaluate its expressions). */
export interface Answer extends Omit<HttpResponse, 'body'> {
  body: Buffer | unknown;
  bodyResolved: boolean;
}

/** n8n's list of content types autodetect treats as files. */
const BINARY_CONTENT_TYPES = [
  'image/',
  'audio/',
  'video/',
  'application/octet-stream',
  'application/gzip',
  'application/zip',
  'application/vnd.rar',
  'application/epub+zip',
  'application/x-bzip',
  'application/x-bzip2',
  'application/x-cdf',
  'application/vnd.amazon.ebook',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-fontobject',
  'application/vnd.oasis.opendocument.presentation',
  'application/pdf',
  'application/x-tar',
  'application/vnd.visio',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/x-7z-compressed',
];

/** The output items for the answers to one input item, per n8n's response format rules. */
export async function responseItems(
  answers: Answer[],
  item: Item,
  itemIndex: number,
  handling: ResponseHandling,
): Promise<Item[]> {
  const out: Item[] = [];
  for (const answer of answers) out.push(...(await answerItems(answer, item, itemIndex, handling)));
  return out;
}

async function answerItems(
  answer: Answer,
  item: Item,
  itemIndex: number,
  handling: ResponseHandling,
): Promise<Item[]> {
  const contentType = headerValue(answer.headers, 'content-type') ?? '';
  let format = handling.responseFormat;
  let body = answer.body;
  if (format === 'autodetect') {
    if (contentType.includes('application/json')) {
      format = 'json';
      if (!answer.bodyResolved)
        body = parseJsonBody(decodeText(body as Buffer, contentType), handling.neverError);
    } else if (BINARY_CONTENT_TYPES.some((type) => contentType.includes(type))) {
      format = 'file';
    } else {
      format = 'text';
      if (!answer.bodyResolved) body = decodeText(body as Buffer, contentType) || undefined;
    }
  } else if (format !== 'file' && Buffer.isBuffer(body)) {
    // "JSON" and "Text" ask for a JSON-parsed body, kept as text when it is not JSON.
    body = lenientJson(decodeText(body, contentType));
  }
  const paired = pairedWith(itemIndex);
  const meta = {
    headers: answer.headers,
    statusCode: answer.statusCode,
    statusMessage: answer.statusMessage,
  };
  if (format === 'file') {
    const binary = await fileOf(answer, body, contentType, handling.outputPropertyName);
    return [
      {
        json: handling.fullResponse ? (meta as JsonObject) : item.json,
        binary: { ...item.binary, [handling.outputPropertyName]: binary },
        pairedItem: paired,
      },
    ];
  }
  if (format === 'text') {
    const text = body !== null && typeof body === 'object' ? JSON.stringify(body) : body;
    const json: JsonObject = handling.fullResponse
      ? { [handling.outputPropertyName]: text, ...meta }
      : { [handling.outputPropertyName]: text };
    return [{ json, pairedItem: paired }];
  }
  if (handling.fullResponse) {
    const parsed = typeof body === 'string' ? strictJson(body, itemIndex) : body;
    return [{ json: { body: parsed, ...meta }, pairedItem: paired }];
  }
  const parsed = typeof body === 'string' ? strictJson(body, itemIndex) : body;
  const list = Array.isArray(parsed) ? parsed : [parsed];
  return list.map((entry) => ({ json: asJson(entry), pairedItem: paired }));
}

function parseJsonBody(text: string, neverError: boolean): unknown {
  if (text.trim().length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (neverError) return {};
    throw operationError('Invalid JSON in response body', { cause: error });
  }
}

function lenientJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function strictJson(text: string, itemIndex: number): unknown {
  if (text.trim().length === 0) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw operationError('Response body is not valid JSON. Change "Response Format" to "Text"', {
      itemIndex,
    });
  }
}

/** An item's json from a response value: objects as they are, `null` as `{}` (n8n's replaceNullValues). */
export function asJson(value: unknown): JsonObject {
  if (value === null || value === undefined) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
  return { value };
}

async function fileOf(answer: Answer, body: unknown, contentType: string, outputName: string) {
  const buffer = Buffer.isBuffer(body)
    ? body
    : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const mimeType = contentType ? contentType.split(' ')[0]!.split(';')[0] : undefined;
  const binary = await prepareBinaryData(buffer, {
    mimeType,
    fileName: dispositionFileName(headerValue(answer.headers, 'content-disposition')),
  });
  if (!binary.fileName && binary.fileExtension) {
    // n8n names the file after the URL when the URL ends with its extension, else after the output field.
    const url = answer.url.split('?')[0]!;
    binary.fileName = url.endsWith(binary.fileExtension)
      ? url.split('/').pop()
      : `${outputName}.${binary.fileExtension}`;
  }
  return binary;
}

function dispositionFileName(disposition: string | undefined): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (extended) return decodeURIComponent(extended[1]!.trim().replace(/^"|"$/g, ''));
  const plain = /filename=("?)([^";]+)\1/i.exec(disposition);
  return plain?.[2]?.trim();
}

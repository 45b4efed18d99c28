import { parse as parseQueryString } from 'node:querystring';
import { GatewayError } from '../errors.js';

/** A file that arrived with the request (multipart upload, or a binary body). */
export interface ReceivedFile {
  /** The binary property it becomes on the item */
  property: string;
  data: Buffer;
  mimeType: string;
  fileName?: string;
}

export interface ParsedBody {
  body: unknown;
  files: ReceivedFile[];
}

export interface BodyOptions {
  /** Keep the raw bytes as binary `data` beside the parsed body (n8n's `rawBody`) */
  rawBody: boolean;
  /** The whole body is binary data, whatever its type (n8n v1 `binaryData`) */
  binaryData: boolean;
  binaryPropertyName?: string;
}

/** The media type without parameters, lower case (`application/json`). */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

const isJson = (type: string) => type === 'application/json' || type.endsWith('+json');
const isText = (type: string) =>
  type.startsWith('text/') ||
  type === 'application/xml' ||
  type.endsWith('+xml') ||
  type === 'application/javascript';

/**
 * Turns a raw body into what n8n's Webhook node gives `$json.body`: JSON parsed, forms as objects (a repeated
 * field becomes a list), text and XML as a string, an empty body as `{}`. Any other type (images, PDFs,
 * octet streams) becomes binary data on the item and `body` is `{}`, as in the Webhook node v2.
 */
export function parseBody(
  contentType: string | undefined,
  raw: Buffer | undefined,
  contentDisposition: string | undefined,
  options: BodyOptions,
): ParsedBody {
  const type = mediaTypeOf(contentType);
  const bytes = raw ?? Buffer.alloc(0);
  const property = options.binaryPropertyName || 'data';
  if (
    options.binaryData ||
    (bytes.length > 0 &&
      type !== '' &&
      !isJson(type) &&
      !isText(type) &&
      type !== 'application/x-www-form-urlencoded')
  ) {
    const fileName = fileNameOf(contentDisposition);
    return {
      body: {},
      files: [
        {
          property,
          data: bytes,
          mimeType: type || 'application/octet-stream',
          ...(fileName ? { fileName } : {}),
        },
      ],
    };
  }
  const files: ReceivedFile[] = options.rawBody
    ? [{ property: 'data', data: bytes, mimeType: type || 'application/json' }]
    : [];
  if (bytes.length === 0) return { body: {}, files };
  if (type === 'application/x-www-form-urlencoded')
    return { body: { ...parseQueryString(bytes.toString('utf8')) }, files };
  if (isJson(type)) return { body: parseJson(bytes.toString('utf8')), files };
  if (type === '') {
    // No declared type: JSON when it parses, else text.
    const text = bytes.toString('utf8');
    try {
      return { body: parseJson(text), files };
    } catch {
      return { body: text, files };
    }
  }
  return { body: bytes.toString('utf8'), files };
}

/**
 * JSON.parse that drops `__proto__` keys (prototype poisoning through later object spreads); the slower
 * reviver runs only when the text mentions one.
 */
export function parseJson(text: string): unknown {
  try {
    return text.includes('__proto__')
      ? (JSON.parse(text, (key, value: unknown) => (key === '__proto__' ? undefined : value)) as unknown)
      : (JSON.parse(text) as unknown);
  } catch (error) {
    throw new GatewayError('BF_ERR_WEBHOOK_BODY_INVALID', { cause: error });
  }
}

/** `filename` (or RFC 5987 `filename*`) of a Content-Disposition header. */
export function fileNameOf(contentDisposition: string | undefined): string | undefined {
  if (!contentDisposition) return undefined;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(contentDisposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      return undefined;
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(contentDisposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || undefined;
}

/** What the gateway sends back for a webhook call. */
export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  /** undefined: no body */
  payload?: string | Buffer;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export function jsonAnswer(
  statusCode: number,
  value: unknown,
  headers: Record<string, string> = {},
): HttpAnswer {
  return {
    statusCode,
    headers: { 'content-type': JSON_TYPE, ...headers },
    payload: JSON.stringify(value ?? null),
  };
}

// Hop-by-hop and framing headers are the server's to set; a workflow cannot set them.
const RESERVED = new Set([
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Response headers a workflow asked for, without reserved or malformed ones. */
export function safeHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (headers === null || typeof headers !== 'object') return result;
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    const lower = name.toLowerCase();
    const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
    if (text === undefined || RESERVED.has(lower) || !TOKEN.test(name) || !VALUE.test(text)) continue;
    result[lower] = text;
  }
  return result;
}

/** A status code a workflow may send: 200 to 599, else the fallback. */
export function safeStatus(value: unknown, fallback: number): number {
  return Number.isInteger(value) && (value as number) >= 200 && (value as number) <= 599
    ? (value as number)
    : fallback;
}

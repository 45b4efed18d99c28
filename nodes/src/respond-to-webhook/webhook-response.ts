import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { assertBinaryData } from '../shared/binary-data.js';
import { setPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { signJwt } from './sign-jwt.js';

/**
 * The answer Respond to Webhook asks the gateway to send, kept in the node context under `webhookResponse`
 * (JSON, so it survives the step boundary):
 *
 *   { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: { type: 'text', value: 'ok' } }
 *
 * `body` is one of: `{ type: 'json', value }` (sent as JSON), `{ type: 'text', value }` (sent as is),
 * `{ type: 'binary', mimeType, data?: base64, id?: binary-store reference }`, or `{ type: 'empty' }`.
 * Header names are lowercase. A redirect is a 3xx status with a `location` header and an empty body.
 */
export interface WebhookResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: WebhookResponseBody;
}

export type WebhookResponseBody =
  | { type: 'json'; value: unknown }
  | { type: 'text'; value: string }
  | { type: 'binary'; mimeType: string; data?: string; id?: string }
  | { type: 'empty' };

/** The node-context key the gateway reads the response from. */
export const WEBHOOK_RESPONSE_KEY = 'webhookResponse';

interface ResponseOptions {
  responseCode?: number;
  responseHeaders?: { entries?: Array<{ name?: unknown; value?: unknown }> };
  responseKey?: string;
}

/** Builds the response from the first item's parameters (n8n evaluates them for item 0 only). */
export async function buildWebhookResponse(
  ctx: NodeExecutionContext,
  items: Item[],
): Promise<WebhookResponse> {
  const options = ctx.getParameter<ResponseOptions>('options', 0, {});
  const respondWith = ctx.getParameter<string>('respondWith', 0, 'firstIncomingItem');
  const headers: Record<string, string> = {};
  for (const header of options.responseHeaders?.entries ?? []) {
    headers[String(header.name ?? '').toLowerCase()] = String(header.value ?? '');
  }
  let statusCode = options.responseCode || 200;
  const keyed = (value: unknown) => (options.responseKey ? setPath({}, options.responseKey, value) : value);
  let body: WebhookResponseBody = { type: 'empty' };
  switch (respondWith) {
    case 'json':
      body = { type: 'json', value: jsonBody(ctx.getParameter<unknown>('responseBody', 0, '')) };
      break;
    case 'jwt': {
      const payload = ctx.getParameter<unknown>('payload', 0, {});
      const claims =
        typeof payload === 'string' ? (JSON.parse(payload || '{}') as JsonObject) : (payload as JsonObject);
      try {
        body = {
          type: 'json',
          value: { token: signJwt(claims, await ctx.getCredentials('jwtAuth'), ctx.now()) },
        };
      } catch (error) {
        throw operationError('Error signing JWT token', {
          cause: error,
          description: (error as Error).message,
        });
      }
      break;
    }
    case 'allIncomingItems':
      body = { type: 'json', value: keyed(items.map((item) => item.json)) };
      break;
    case 'firstIncomingItem':
      body = { type: 'json', value: keyed(items[0]?.json) };
      break;
    case 'text':
      body = { type: 'text', value: String(ctx.getParameter('responseBody', 0, '')) };
      break;
    case 'binary':
      body = binaryBody(ctx, items[0], headers);
      break;
    case 'redirect':
      headers.location = ctx.getParameter<string>('redirectURL', 0, '');
      statusCode = options.responseCode ?? 307;
      break;
    case 'noData':
      break;
    default:
      throw operationError(`The Response Data option "${respondWith}" is not supported!`);
  }
  return { statusCode, headers, body };
}

function jsonBody(value: unknown): unknown {
  if (!value) return undefined;
  if (typeof value === 'object') return value;
  try {
    return JSON.parse(String(value)) as unknown;
  } catch {
    throw operationError("Invalid JSON in 'Response Body' field", {
      description: "Check that the syntax of the JSON in the 'Response Body' parameter is valid",
    });
  }
}

function binaryBody(
  ctx: NodeExecutionContext,
  item: Item | undefined,
  headers: Record<string, string>,
): WebhookResponseBody {
  if (item?.binary === undefined) throw operationError('No binary data exists on the first item!');
  let name: string;
  if (ctx.getParameter<string>('responseDataSource', 0, 'automatically') === 'set') {
    name = ctx.getParameter<string>('inputFieldName', 0, 'data');
  } else {
    const keys = Object.keys(item.binary);
    if (keys.length === 0) throw operationError('No binary data exists on the first item!');
    name = keys[0]!;
  }
  const binary = assertBinaryData(item, name, 0);
  headers['content-type'] ??= binary.mimeType;
  if (binary.data !== undefined) {
    headers['content-length'] = String(Buffer.from(binary.data, 'base64').length);
    return { type: 'binary', mimeType: binary.mimeType, data: binary.data };
  }
  return { type: 'binary', mimeType: binary.mimeType, ...(binary.id ? { id: binary.id } : {}) };
}

/** The response as n8n puts it on the response output branch: `{ body, headers, statusCode }`. */
export function responseJson(response: WebhookResponse): JsonObject {
  const { body } = response;
  const value =
    body.type === 'json' || body.type === 'text'
      ? body.value
      : body.type === 'binary'
        ? body.data
        : undefined;
  return { body: value, headers: response.headers, statusCode: response.statusCode };
}

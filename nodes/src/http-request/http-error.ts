import type { JsonObject } from '@budflow/runtime';
import { HttpRequestError } from './send-request.js';
import type { HttpResponse } from './send-request.js';

/** n8n's messages for HTTP status codes (NodeApiError). */
const STATUS_MESSAGES: Record<string, string> = {
  '4XX': 'Your request is invalid or could not be processed by the service',
  '400': 'Bad request - please check your parameters',
  '401': 'Authorization failed - please check your credentials',
  '402': 'Payment required - perhaps check your payment details?',
  '403': 'Forbidden - perhaps check your credentials?',
  '404': 'The resource you are requesting could not be found',
  '405': 'Method not allowed - please check you are using the right HTTP method',
  '429': 'The service is receiving too many requests from you',
  '5XX': 'The service failed to process your request',
  '500': 'The service was not able to process your request',
  '502': 'Bad gateway - the service failed to handle your request',
  '503':
    'Service unavailable - try again later or consider setting this node to retry automatically (in the node settings)',
  '504': 'Gateway timed out - perhaps try again later?',
};

/** n8n's messages for connection failures. */
const CODE_MESSAGES: Record<string, string> = {
  ECONNREFUSED: 'The service refused the connection - perhaps it is offline',
  ECONNRESET:
    'The connection to the server was closed unexpectedly, perhaps it is offline. You can retry the request immediately or wait and retry later.',
  ENOTFOUND:
    'The connection cannot be established, this usually occurs due to an incorrect host (domain) value',
  ETIMEDOUT: "The connection timed out, consider setting the 'Retry on Fail' option in the node settings",
  EHOSTUNREACH: 'The service is unreachable, perhaps it is offline',
  EAI_AGAIN: 'The connection was aborted, perhaps the server is offline',
  ECONNABORTED: 'The connection was aborted, perhaps the server is offline',
};

/** A failed HTTP call as n8n reports it: a NodeApiError with the status' message and the body as description. */
export class NodeApiError extends Error {
  readonly description: string | undefined;
  readonly httpCode: string | undefined;
  readonly context: JsonObject;
  constructor(
    message: string,
    options: { description?: string; httpCode?: string; itemIndex: number; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'NodeApiError';
    this.description = options.description;
    this.httpCode = options.httpCode;
    this.context = { itemIndex: options.itemIndex };
  }
}

/** Any error of a request as the NodeApiError n8n throws for it. */
export function toNodeApiError(error: unknown, itemIndex: number): Error {
  if (error instanceof NodeApiError) return error;
  if (!(error instanceof HttpRequestError)) {
    return new NodeApiError(error instanceof Error ? error.message : String(error), {
      itemIndex,
      cause: error,
    });
  }
  if (error.response) {
    const status = String(error.response.statusCode);
    const message = STATUS_MESSAGES[status] ?? STATUS_MESSAGES[`${status[0]}XX`] ?? error.message;
    const description = describeBody(error.response);
    return new NodeApiError(message, {
      httpCode: status,
      itemIndex,
      cause: error,
      ...(description ? { description } : {}),
    });
  }
  const message = (error.code && CODE_MESSAGES[error.code]) || error.message;
  return new NodeApiError(message, {
    itemIndex,
    cause: error,
    ...(error.code ? { httpCode: error.code } : {}),
  });
}

/** An error as the JSON an item carries with "continue on fail" (n8n puts the request error there). */
export function errorJson(error: unknown): JsonObject {
  if (error instanceof HttpRequestError) {
    const json: JsonObject = {
      message: error.response ? statusLine(error.response) : error.message,
      name: error.name,
    };
    if (error.code) json.code = error.code;
    if (error.response) {
      json.status = error.response.statusCode;
      json.error = parseBody(error.response);
    }
    return json;
  }
  const e = error as Error & { description?: string };
  return { message: e.message, name: e.name, ...(e.description ? { description: e.description } : {}) };
}

function statusLine(response: HttpResponse): string {
  return `${response.statusCode} - ${JSON.stringify(parseBody(response))}`;
}

function parseBody(response: HttpResponse): unknown {
  const text = response.body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The body's message (`message`, `error.message`, `error`, `description`) or the body itself. */
function describeBody(response: HttpResponse): string | undefined {
  const body = parseBody(response);
  if (body === '' || body === undefined) return undefined;
  if (body !== null && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const nested = record.error as Record<string, unknown> | undefined;
    for (const candidate of [record.message, nested?.message, record.error, record.description]) {
      if (typeof candidate === 'string' && candidate) return candidate;
    }
    return JSON.stringify(body);
  }
  return String(body);
}

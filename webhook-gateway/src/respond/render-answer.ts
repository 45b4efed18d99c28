import { getPath } from '@budflow/runtime';
import type { DataStore, Item } from '@budflow/runtime';
import { GatewayError } from '../errors.js';
import type { FinishedOutcome } from '../ports.js';
import type { WebhookSettings } from '../routes/webhook-settings.js';
import { jsonAnswer, safeHeaders, safeStatus } from './http-answer.js';
import type { HttpAnswer } from './http-answer.js';

/** onReceived: answered at once, n8n's message plus the execution id (or the configured text, or nothing). */
export function onReceivedAnswer(settings: WebhookSettings, executionId: string): HttpAnswer {
  const headers = { ...settings.responseHeaders, 'x-budflow-execution-id': executionId };
  if (settings.noResponseBody) return { statusCode: settings.responseCode, headers };
  if (settings.onReceivedBody !== undefined) {
    return {
      statusCode: settings.responseCode,
      headers: { 'content-type': settings.responseContentType ?? 'text/plain; charset=utf-8', ...headers },
      payload: settings.onReceivedBody,
    };
  }
  return jsonAnswer(settings.responseCode, { message: 'Workflow was started', executionId }, headers);
}

/** The caller waited longer than the response timeout: the execution goes on, the caller gets its id. */
export function stillRunningAnswer(executionId: string): HttpAnswer {
  return jsonAnswer(
    202,
    { message: 'Workflow was started and is still running', executionId },
    { 'x-budflow-execution-id': executionId },
  );
}

/** An execution that failed, was cancelled, or ended without the answer the webhook promised. */
export function failedAnswer(outcome: FinishedOutcome, executionId: string): HttpAnswer {
  if (outcome.status === 'waiting') return stillRunningAnswer(executionId);
  const error = new GatewayError('BF_ERR_WEBHOOK_WORKFLOW_FAILED');
  return jsonAnswer(
    error.statusCode,
    { ...error.toJSON(), executionId },
    { 'x-budflow-execution-id': executionId },
  );
}

/**
 * lastNode: the last node's output as `responseData` says: the first item's JSON (or one property of it,
 * `responsePropertyName`), all items' JSON, the first item's binary, or no body; status, content type and
 * headers from the webhook's options.
 */
export async function lastNodeAnswer(
  settings: WebhookSettings,
  outcome: FinishedOutcome,
  executionId: string,
  store: DataStore,
): Promise<HttpAnswer> {
  if (outcome.status !== 'success') return failedAnswer(outcome, executionId);
  const headers = { ...settings.responseHeaders, 'x-budflow-execution-id': executionId };
  const status = settings.responseCode;
  const first: Item | undefined = outcome.items[0];
  const contentType = settings.responseContentType;
  const send = (value: unknown): HttpAnswer => {
    if (contentType && !contentType.includes('json') && typeof value === 'string')
      return { statusCode: status, headers: { 'content-type': contentType, ...headers }, payload: value };
    return jsonAnswer(status, value, contentType ? { 'content-type': contentType, ...headers } : headers);
  };
  switch (settings.responseData) {
    case 'noData':
      return { statusCode: status, headers };
    case 'allEntries':
      return send(outcome.items.map((item) => item.json));
    case 'firstEntryJson': {
      if (!first) return noItem(executionId);
      return send(
        settings.responsePropertyName ? getPath(first.json, settings.responsePropertyName) : first.json,
      );
    }
    case 'firstEntryBinary': {
      const binary = first?.binary?.[settings.responseBinaryPropertyName];
      if (!binary) return noItem(executionId);
      const data = binary.data ?? (binary.id ? await store.get(binary.id) : undefined);
      if (data === undefined) return noItem(executionId);
      return {
        statusCode: status,
        headers: { 'content-type': contentType ?? binary.mimeType, ...headers },
        payload: Buffer.from(data, 'base64'),
      };
    }
  }
}

function noItem(executionId: string): HttpAnswer {
  const error = new GatewayError('BF_ERR_WEBHOOK_NO_RESPONSE_ITEM');
  return jsonAnswer(error.statusCode, { ...error.toJSON(), executionId });
}

/**
 * responseNode: what the Respond to Webhook node wrote (`{ statusCode, headers, body }`, see
 * nodes/src/respond-to-webhook/webhook-response.ts). It crossed the sandbox boundary, so every field is
 * checked; reserved headers are dropped.
 */
export async function respondNodeAnswer(
  response: unknown,
  executionId: string,
  store: DataStore,
): Promise<HttpAnswer> {
  const r = (response ?? {}) as { statusCode?: unknown; headers?: unknown; body?: unknown };
  const statusCode = safeStatus(r.statusCode, 200);
  const headers = { ...safeHeaders(r.headers), 'x-budflow-execution-id': executionId };
  const body = (r.body ?? { type: 'empty' }) as {
    type?: unknown;
    value?: unknown;
    data?: unknown;
    id?: unknown;
    mimeType?: unknown;
  };
  switch (body.type) {
    case 'json':
      return jsonAnswer(statusCode, body.value, headers);
    case 'text':
      return {
        statusCode,
        headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
        payload: typeof body.value === 'string' ? body.value : String(body.value ?? ''),
      };
    case 'binary': {
      const data =
        typeof body.data === 'string'
          ? body.data
          : typeof body.id === 'string'
            ? await store.get(body.id)
            : undefined;
      const mimeType = typeof body.mimeType === 'string' ? body.mimeType : 'application/octet-stream';
      return {
        statusCode,
        headers: { 'content-type': mimeType, ...headers },
        payload: Buffer.from(data ?? '', 'base64'),
      };
    }
    default:
      return { statusCode, headers };
  }
}

/** When a responseNode execution ends without a Respond to Webhook node answering (n8n's default). */
export function noRespondNodeAnswer(outcome: FinishedOutcome, executionId: string): HttpAnswer {
  if (outcome.status !== 'success') return failedAnswer(outcome, executionId);
  return jsonAnswer(
    200,
    { message: 'Workflow executed successfully', executionId },
    { 'x-budflow-execution-id': executionId },
  );
}

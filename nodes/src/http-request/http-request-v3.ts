import { setTimeout as sleep } from 'node:timers/promises';
import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { messageOf } from '../shared/item-error.js';
import { pairedWith } from '../shared/paired-items.js';
import { buildRequestV3 } from './build-request-v3.js';
import type { BuiltRequest } from './build-request-v3.js';
import { errorJson, toNodeApiError } from './http-error.js';
import { paginate, paginationOf } from './paginate.js';
import { responseItems } from './response-items-v3.js';
import type { Answer } from './response-items-v3.js';
import { HttpRequestError, sendRequest } from './send-request.js';

interface Batching {
  batch?: { batchSize?: number; batchInterval?: number };
}

type Outcome = { built: BuiltRequest; answers: Answer[] } | { error: unknown; built?: BuiltRequest };

/**
 * HTTP Request v3/v4.x: one request (or one paginated series) per item, sent concurrently in batches, then
 * the answers turned into items in input order. A failed item stops the node unless "continue on fail".
 */
export async function executeHttpRequestV3(ctx: NodeExecutionContext, items: Item[]): Promise<Item[]> {
  const pagination = paginationOf(ctx);
  const pending: Array<Promise<Outcome>> = [];
  for (const [i, item] of items.entries()) {
    await waitForBatch(ctx, i);
    let built: BuiltRequest;
    try {
      built = await buildRequestV3(ctx, item, i);
    } catch (error) {
      if (!ctx.continueOnFail) throw error;
      pending.push(Promise.resolve({ error: messageOf(error) }));
      continue;
    }
    pending.push(send(ctx, item, i, built, pagination));
  }
  const outcomes = await Promise.all(pending);
  const out: Item[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    try {
      if ('error' in outcome) {
        out.push(failedItem(ctx, outcome, i));
        continue;
      }
      out.push(...(await responseItems(outcome.answers, items[i]!, i, outcome.built.response)));
    } catch (error) {
      if (!ctx.continueOnFail) throw error;
      out.push({ json: { error: messageOf(error) }, pairedItem: pairedWith(i) });
    }
  }
  return out;
}

async function send(
  ctx: NodeExecutionContext,
  item: Item,
  itemIndex: number,
  built: BuiltRequest,
  pagination: ReturnType<typeof paginationOf>,
): Promise<Outcome> {
  const deliver = (spec: BuiltRequest['spec']) => sendRequest(spec, ctx.signal);
  try {
    if (pagination) {
      const binaryResult = built.response.responseFormat === 'file';
      const options = { binaryResult, neverError: built.response.neverError };
      return {
        built,
        answers: await paginate(ctx, item, itemIndex, built.spec, pagination, options, deliver),
      };
    }
    const response = await deliver(built.spec);
    return { built, answers: [{ ...response, bodyResolved: false }] };
  } catch (error) {
    return { error, built };
  }
}

/** The error of an item: thrown as n8n's NodeApiError, or as an item with "continue on fail". */
function failedItem(ctx: NodeExecutionContext, outcome: { error: unknown }, itemIndex: number): Item {
  const { error } = outcome;
  if (typeof error === 'string') return { json: { error }, pairedItem: pairedWith(itemIndex) };
  const apiError = toNodeApiError(error, itemIndex);
  if (error instanceof HttpRequestError && error.response?.statusCode === 429) {
    apiError.message = "Try spacing your requests out using the batching settings under 'Options'";
  }
  if (!ctx.continueOnFail) throw apiError;
  const json: JsonObject = { error: errorJson(error) };
  if (ctx.node.typeVersion >= 4.5) json.details = errorDetails(apiError, error);
  return { json, pairedItem: pairedWith(itemIndex) };
}

/** v4.5's `details` of an error item: the NodeApiError's message, description, code and the parsed body. */
function errorDetails(apiError: Error, error: unknown): JsonObject {
  const { description, httpCode, context } = apiError as Error & {
    description?: string;
    httpCode?: string;
    context?: JsonObject;
  };
  const details: JsonObject = { message: apiError.message };
  if (description) details.description = description;
  details.httpCode = httpCode;
  if (error instanceof HttpRequestError && error.response) details.body = errorJson(error).error;
  details.context = context;
  return details;
}

/** Sleeps between batches: before item i when i starts a new batch (n8n's "Batching" option). */
async function waitForBatch(ctx: NodeExecutionContext, itemIndex: number): Promise<void> {
  if (itemIndex === 0) return;
  const batching = ctx.getParameter<Batching | undefined>('options.batching', itemIndex)?.batch;
  const size = (batching?.batchSize ?? 0) > 0 ? batching!.batchSize! : 1;
  const interval = batching?.batchInterval ?? 0;
  if (batching && interval > 0 && itemIndex % size === 0)
    await sleep(interval, undefined, { signal: ctx.signal });
}

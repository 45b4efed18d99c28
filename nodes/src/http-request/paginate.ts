import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { resolveParameterValue } from '@budflow/runtime';
import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { decodeText } from './decode-text.js';
import type { Answer } from './response-items-v3.js';
import { HttpRequestError, headerValue } from './send-request.js';
import type { HttpRequestSpec, HttpResponse, RequestBody } from './send-request.js';

/** The "Pagination" option as written (expressions not evaluated: they need `$response`). */
export interface PaginationSettings {
  paginationMode?: 'off' | 'updateAParameterInEachRequest' | 'responseContainsNextURL';
  nextURL?: string;
  parameters?: { parameters?: Array<{ type?: string; name?: string; value?: string }> };
  paginationCompleteWhen?: 'responseIsEmpty' | 'receiveSpecificStatusCodes' | 'other';
  statusCodesWhenComplete?: string;
  completeExpression?: string;
  limitPagesFetched?: boolean;
  maxRequests?: number | string;
  requestInterval?: number | string;
}

interface PageRequest {
  url?: unknown;
  qs?: JsonObject;
  headers?: JsonObject;
  body?: JsonObject;
}

const REQUEST_TYPES = ['body', 'headers', 'qs'];

/** The pagination settings of the node, or undefined when pagination is off or not configured. */
export function paginationOf(ctx: NodeExecutionContext): PaginationSettings | undefined {
  const settings = ctx.getRawParameter<PaginationSettings | undefined>('options.pagination.pagination');
  if (!settings || (settings.paginationMode ?? 'updateAParameterInEachRequest') === 'off') return undefined;
  return {
    paginationMode: 'updateAParameterInEachRequest',
    paginationCompleteWhen: 'responseIsEmpty',
    ...settings,
  };
}

/**
 * Requests page after page as n8n's requestWithAuthenticationPaginated does: before each request the page
 * parameters are evaluated with `$response` (the previous answer: body, headers, statusCode), `$pageCount`
 * and `$request`; it stops when the "complete" condition holds, at the page limit, or after the same answer
 * came five times.
 */
export async function paginate(
  ctx: NodeExecutionContext,
  item: Item,
  itemIndex: number,
  spec: HttpRequestSpec,
  settings: PaginationSettings,
  options: { binaryResult: boolean; neverError: boolean },
  send: (spec: HttpRequestSpec) => Promise<HttpResponse>,
): Promise<Answer[]> {
  const plan = pagePlan(settings, options.neverError);
  const base: HttpRequestSpec = { ...spec, simple: false };
  const answers: Answer[] = [];
  const scope: JsonObject = {
    ...itemScope(ctx, item, itemIndex),
    $request: requestView(base),
    $response: {},
    $version: ctx.node.typeVersion,
    $pageCount: 0,
  };
  const resolve = (value: unknown) => resolveLeniently(value, scope);
  const repeats = { count: 0, length: 0, hash: '' };
  for (;;) {
    const page = applyPage(base, resolve(plan.request) as PageRequest);
    if (!isValidUrl(page.url)) {
      throw operationError(`'${String((plan.request as PageRequest).url ?? page.url)}' is not a valid URL.`, {
        itemIndex,
        description: `Make sure the "${settings.paginationMode === 'responseContainsNextURL' ? 'Next URL' : 'URL'}" parameter evaluates to a valid URL.`,
      });
    }
    const response = await send(page);
    const answer = readAnswer(response, options.binaryResult);
    checkRepeats(repeats, response, answer, options.binaryResult, itemIndex);
    answers.push(answer);
    scope.$response = { body: answer.body, headers: answer.headers, statusCode: answer.statusCode };
    scope.$pageCount = (scope.$pageCount as number) + 1;
    const maxRequests = Number(resolve(plan.maxRequests) ?? 0);
    if (maxRequests && (scope.$pageCount as number) >= maxRequests) break;
    if (!resolve(plan.continue)) break;
    const interval = Number(resolve(settings.requestInterval) ?? 0);
    if (interval) await sleep(interval, undefined, { signal: ctx.signal });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      throw new HttpRequestError(`Request failed with status code ${response.statusCode}`, response);
    }
  }
  return answers;
}

/**
 * Evaluates each expression on its own; one that fails (e.g. `$response.body.next` before the first answer)
 * is undefined, as n8n's expression engine makes it, so the first request goes out with the base values.
 */
function resolveLeniently(value: unknown, scope: JsonObject): unknown {
  if (Array.isArray(value)) return value.map((entry) => resolveLeniently(entry, scope));
  if (value !== null && typeof value === 'object') {
    const resolved: JsonObject = {};
    for (const [key, entry] of Object.entries(value)) {
      Object.defineProperty(resolved, key, {
        value: resolveLeniently(entry, scope),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return resolved;
  }
  try {
    return resolveParameterValue(value, scope);
  } catch {
    return undefined;
  }
}

interface PagePlan {
  continue: string;
  request: PageRequest;
  maxRequests?: number | string | undefined;
}

function pagePlan(settings: PaginationSettings, neverError: boolean): PagePlan {
  const plan: PagePlan = { continue: continueExpression(settings, neverError), request: {} };
  if (settings.paginationMode === 'updateAParameterInEachRequest') {
    const parameters = settings.parameters?.parameters ?? [];
    if (parameters.length === 1 && parameters[0]!.name === '' && parameters[0]!.value === '') {
      throw operationError(
        "At least one entry with 'Name' and 'Value' filled must be included in 'Parameters' to use 'Update a Parameter in Each Request' mode ",
      );
    }
    parameters.forEach((parameter, index) => {
      const type = parameter.type ?? 'qs';
      if (!parameter.name)
        throw operationError(
          `Parameter name must be set for parameter [${index + 1}] in pagination settings`,
        );
      if (!REQUEST_TYPES.includes(type)) {
        throw operationError(
          `Parameter type must be one of: body, headers, qs for parameter [${index + 1}] in pagination settings`,
        );
      }
      if (parameter.value === '' || parameter.value === undefined) {
        throw operationError(
          `Some value must be provided for parameter [${index + 1}] in pagination settings, omitting it will result in an infinite loop`,
        );
      }
      const target = ((plan.request as Record<string, JsonObject>)[type] ??= {});
      Object.defineProperty(target, parameter.name, {
        value: parameter.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    });
  } else if (settings.paginationMode === 'responseContainsNextURL') {
    plan.request.url = settings.nextURL;
  }
  if (settings.limitPagesFetched) plan.maxRequests = settings.maxRequests ?? 100;
  return plan;
}

function continueExpression(settings: PaginationSettings, neverError: boolean): string {
  if (settings.paginationCompleteWhen === 'receiveSpecificStatusCodes') {
    const codes = (settings.statusCodesWhenComplete ?? '').split(',').map((code) => parseInt(code.trim()));
    return `={{ !${JSON.stringify(codes)}.includes($response.statusCode) }}`;
  }
  if (settings.paginationCompleteWhen === 'responseIsEmpty') {
    return '={{ Array.isArray($response.body) ? $response.body.length : !!$response.body }}';
  }
  const complete = settings.completeExpression ?? '';
  if (!complete.length || complete[0] !== '=') throw operationError('Invalid or empty Complete Expression');
  const condition = complete.trim().slice(3, -2);
  return neverError
    ? `={{ !(${condition}) }}`
    : `={{ !(${condition}) || ($response.statusCode < 200 || $response.statusCode >= 300) }}`;
}

/** The request with one page's values merged in (n8n's applyPaginationRequestData). */
function applyPage(spec: HttpRequestSpec, page: PageRequest): HttpRequestSpec {
  const next: HttpRequestSpec = { ...spec, headers: { ...spec.headers } };
  if (page.url !== undefined && page.url !== null) next.url = String(page.url);
  if (page.qs) next.qs = deepMerge(spec.qs ?? {}, page.qs);
  if (page.headers)
    for (const [name, value] of Object.entries(page.headers)) next.headers[name] = String(value);
  if (page.body) next.body = mergeBody(spec.body, page.body);
  return next;
}

function mergeBody(body: RequestBody | undefined, values: JsonObject): RequestBody {
  if (body?.kind === 'form') return { kind: 'form', value: deepMerge(body.value, values) };
  if (body?.kind === 'multipart') {
    return {
      kind: 'multipart',
      fields: [...body.fields, ...Object.entries(values).map(([k, v]) => [k, String(v)] as [string, string])],
    };
  }
  const current =
    body?.kind === 'json' && body.value && typeof body.value === 'object' ? (body.value as JsonObject) : {};
  return { kind: 'json', value: deepMerge(current, values) };
}

function deepMerge(target: JsonObject, source: JsonObject): JsonObject {
  const merged: JsonObject = { ...target };
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    const existing = merged[key];
    const bothObjects = [existing, value].every(
      (v) => v !== null && typeof v === 'object' && !Array.isArray(v),
    );
    Object.defineProperty(merged, key, {
      value: bothObjects ? deepMerge(existing as JsonObject, value as JsonObject) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}

/** The answer with its body read as text (JSON-parsed when JSON), unless pages are files. */
function readAnswer(response: HttpResponse, binaryResult: boolean): Answer {
  if (binaryResult) return { ...response, bodyResolved: false };
  const contentType = headerValue(response.headers, 'content-type') ?? '';
  const text = decodeText(response.body, contentType);
  let body: unknown = text;
  if (contentType.includes('application/json')) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = {};
    }
  }
  return { ...response, body, bodyResolved: true };
}

function checkRepeats(
  repeats: { count: number; length: number; hash: string },
  response: HttpResponse,
  answer: Answer,
  binaryResult: boolean,
  itemIndex: number,
): void {
  const etag = headerValue(response.headers, 'etag');
  if (binaryResult && !etag) return;
  const length = parseInt(headerValue(response.headers, 'content-length') ?? '0') || 0;
  if (repeats.length === length) {
    const content = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const hash =
      etag ??
      createHash('md5')
        .update(content ?? '')
        .digest('base64');
    if (repeats.hash === hash) {
      repeats.count += 1;
      if (repeats.count > 2) {
        throw operationError('The returned response was identical 5x, so requests got stopped', {
          itemIndex,
          description: 'Check if "Pagination Completed When" has been configured correctly.',
        });
      }
    } else {
      repeats.count = 0;
    }
    repeats.hash = hash;
  } else {
    repeats.count = 0;
  }
  repeats.length = length;
}

function isValidUrl(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

function requestView(spec: HttpRequestSpec): JsonObject {
  return {
    method: spec.method,
    uri: spec.url,
    url: spec.url,
    qs: spec.qs ?? {},
    headers: spec.headers,
    body: spec.body?.kind === 'json' || spec.body?.kind === 'form' ? spec.body.value : undefined,
  };
}

/**
 * The item's variables for pagination expressions. The node context evaluates expressions without extra
 * variables, so this scope carries only the item, its input and the clock besides the pagination ones.
 */
function itemScope(ctx: NodeExecutionContext, item: Item, itemIndex: number): JsonObject {
  const now = DateTime.fromMillis(ctx.now(), { zone: ctx.timezone });
  return {
    $json: item.json,
    $binary: item.binary ?? {},
    $itemIndex: itemIndex,
    $input: { item },
    $now: now,
    $today: now.startOf('day'),
    $execution: { id: ctx.executionId, mode: ctx.mode === 'manual' ? 'test' : 'production' },
    $workflow: { name: ctx.workflowName },
  };
}

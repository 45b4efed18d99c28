import { setTimeout as sleep } from 'node:timers/promises';
import type { Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { assertBinaryData, binaryToBuffer, prepareBinaryData } from '../shared/binary-data.js';
import { operationError } from '../shared/operation-error.js';
import { pairedWith } from '../shared/paired-items.js';
import { checkedUrl } from './build-request-v3.js';
import { applyCredential, assertSupportedCredentialType, credentialTypeOf } from './credentials.js';
import { decodeText } from './decode-text.js';
import { errorJson, toNodeApiError } from './http-error.js';
import { asJson } from './response-items-v3.js';
import { headerValue, sendRequest } from './send-request.js';
import type { HttpRequestSpec, HttpResponse, MultipartFile, RequestBody } from './send-request.js';

interface LegacyOptions {
  batchInterval?: number;
  batchSize?: number;
  bodyContentType?: 'json' | 'raw' | 'multipart-form-data' | 'form-urlencoded';
  bodyContentCustomMimeType?: string;
  fullResponse?: boolean;
  followAllRedirects?: boolean;
  followRedirect?: boolean;
  ignoreResponseCode?: boolean;
  proxy?: string;
  splitIntoItems?: boolean;
  timeout?: number;
  useQueryString?: boolean;
}

type Target = 'body' | 'headers' | 'qs';

const JSON_PARAMETERS: Array<[string, Target, string]> = [
  ['bodyParametersJson', 'body', 'Body Parameters'],
  ['headerParametersJson', 'headers', 'Headers'],
  ['queryParametersJson', 'qs', 'Query Parameters'],
];
const UI_PARAMETERS: Array<[string, Target]> = [
  ['bodyParametersUi', 'body'],
  ['headerParametersUi', 'headers'],
  ['queryParametersUi', 'qs'],
];
const ACCEPT: Record<string, string> = {
  json: 'application/json,text/*;q=0.99',
  string: 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, */*;q=0.1',
  file: 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7',
};

/** HTTP Request v1 and v2: key-value or JSON/RAW parameters, response as JSON, string or file. */
export async function executeHttpRequestLegacy(ctx: NodeExecutionContext, items: Item[]): Promise<Item[]> {
  const responseFormat = ctx.getParameter<string>('responseFormat', 0, 'json');
  const credential = await legacyCredential(ctx);
  const pending: Array<Promise<HttpResponse>> = [];
  for (const [i, item] of items.entries()) {
    const options = ctx.getParameter<LegacyOptions>('options', i, {});
    if (i > 0 && (options.batchSize ?? -1) >= 0 && (options.batchInterval ?? 0) > 0) {
      const size = options.batchSize! > 0 ? options.batchSize! : 1;
      if (i % size === 0) await sleep(options.batchInterval!, undefined, { signal: ctx.signal });
    }
    const spec = await buildLegacyRequest(ctx, item, i, options, responseFormat);
    if (credential) applyCredential(spec, credential.type, credential.data);
    if (spec.headers.accept === undefined) spec.headers.accept = ACCEPT[responseFormat] ?? ACCEPT.file!;
    const request = sendRequest(spec, ctx.signal);
    request.catch(() => undefined);
    pending.push(request);
  }
  const settled = await Promise.allSettled(pending);
  const out: Item[] = [];
  for (const [i, result] of settled.entries()) {
    if (result.status === 'rejected') {
      if (!ctx.continueOnFail) throw toNodeApiError(result.reason, i);
      out.push({ json: { error: errorJson(result.reason) }, pairedItem: pairedWith(i) });
      continue;
    }
    const options = ctx.getParameter<LegacyOptions>('options', i, {});
    out.push(...(await legacyItems(ctx, result.value, items[i]!, i, responseFormat, options)));
  }
  return out;
}

/** v1/v2 fetch the credential once; a missing one means no authentication (n8n ignores the error). */
async function legacyCredential(ctx: NodeExecutionContext) {
  const type = credentialTypeOf(ctx, 0);
  if (!type) return undefined;
  assertSupportedCredentialType(type, 0);
  try {
    return { type, data: await ctx.getCredentials(type) };
  } catch {
    return undefined;
  }
}

async function buildLegacyRequest(
  ctx: NodeExecutionContext,
  item: Item,
  i: number,
  options: LegacyOptions,
  responseFormat: string,
): Promise<HttpRequestSpec> {
  const method = ctx.getParameter<string>('requestMethod', i, 'GET');
  const spec: HttpRequestSpec = {
    method,
    url: checkedUrl(ctx.getParameter<unknown>('url', i, '')),
    headers: {},
    followRedirect: options.followRedirect ?? true,
    followAllRedirects: options.followAllRedirects ?? false,
    maxRedirects: 10,
    sendCredentialsOnCrossOriginRedirect: true,
    timeout: options.timeout ?? 3_600_000,
    rejectUnauthorized: ctx.getParameter<boolean>('allowUnauthorizedCerts', i, false) !== true,
    proxy: options.proxy || undefined,
    simple: options.ignoreResponseCode !== true,
    qsArrayFormat: options.useQueryString ? 'repeat' : 'indices',
  };
  const parts =
    ctx.getParameter<boolean>('jsonParameters', i, false) === true
      ? await jsonParts(ctx, item, i, options)
      : uiParts(ctx, i);
  if (parts.headers) Object.assign(spec.headers, parts.headers);
  if (parts.qs) spec.qs = parts.qs as JsonObject;
  spec.body = legacyBody(parts, method, options, responseFormat, spec.headers);
  if (options.bodyContentCustomMimeType) spec.headers['Content-Type'] = options.bodyContentCustomMimeType;
  return spec;
}

interface Parts {
  body?: unknown;
  headers?: Record<string, string>;
  qs?: unknown;
  binaryBody?: RequestBody;
}

async function jsonParts(
  ctx: NodeExecutionContext,
  item: Item,
  i: number,
  options: LegacyOptions,
): Promise<Parts> {
  const parts: Parts = {};
  for (const [name, target, label] of JSON_PARAMETERS) {
    if (target === 'body' && ctx.getParameter<boolean>('sendBinaryData', i, false) === true) {
      parts.binaryBody = binaryBody(ctx, item, i, options);
      continue;
    }
    let value = ctx.getParameter<unknown>(name, i, '');
    if (value === '') continue;
    if (typeof value !== 'object' && options.bodyContentType !== 'raw') {
      try {
        value = JSON.parse(String(value)) as unknown;
      } catch {
        throw operationError(
          `The data in "${label}" is no valid JSON. Set Body Content Type to "RAW/Custom" for XML or other types of payloads`,
          { itemIndex: i },
        );
      }
    }
    (parts as Record<string, unknown>)[target] = value;
  }
  return parts;
}

function binaryBody(ctx: NodeExecutionContext, item: Item, i: number, options: LegacyOptions): RequestBody {
  const property = ctx.getParameter<string>('binaryPropertyName', i, 'data');
  if (options.bodyContentType === 'raw') {
    return { kind: 'raw', value: binaryToBuffer(assertBinaryData(item, property, i), i) };
  }
  if (options.bodyContentType !== 'multipart-form-data') {
    throw operationError(
      'Sending binary data is only supported when option "Body Content Type" is set to "RAW/CUSTOM" or "FORM-DATA/MULTIPART"!',
      { itemIndex: i },
    );
  }
  const names = property.split(',').map((key) => key.trim());
  const fields: Array<[string, MultipartFile]> = names.map((entry) => {
    let [field, binaryName] = ['file', entry];
    if (entry.includes(':')) [field, binaryName] = entry.split(':') as [string, string];
    else if (names.length > 1) {
      throw operationError(
        'If more than one property should be send it is needed to define the in the format:<code>"sendKey1:binaryProperty1,sendKey2:binaryProperty2"</code>',
        { itemIndex: i },
      );
    }
    const binary = assertBinaryData(item, binaryName, i);
    return [
      field,
      { data: binaryToBuffer(binary, i), fileName: binary.fileName ?? 'file', contentType: binary.mimeType },
    ];
  });
  return { kind: 'multipart', fields };
}

function uiParts(ctx: NodeExecutionContext, i: number): Parts {
  const parts: Parts = {};
  for (const [name, target] of UI_PARAMETERS) {
    const list = ctx.getParameter<{ parameter?: Array<{ name: unknown; value: unknown }> }>(
      name,
      i,
      {},
    ).parameter;
    if (list === undefined) continue;
    const values: JsonObject = {};
    for (const { name: key, value } of list) {
      const field = String(key);
      if (target === 'headers') values[field.toLowerCase()] = value;
      else if (target === 'qs' && values[field] !== undefined)
        values[field] = ([] as unknown[]).concat(values[field], value);
      else values[field] = value;
    }
    (parts as Record<string, unknown>)[target] = values;
  }
  return parts;
}

function legacyBody(
  parts: Parts,
  method: string,
  options: LegacyOptions,
  responseFormat: string,
  headers: Record<string, string>,
): RequestBody | undefined {
  if (parts.binaryBody) return parts.binaryBody;
  if (parts.body === undefined) return undefined;
  const sendsContent = ['PATCH', 'POST', 'PUT'].includes(method);
  if (sendsContent && options.bodyContentType === 'multipart-form-data') {
    return {
      kind: 'multipart',
      fields: Object.entries(parts.body as JsonObject).map(([k, v]) => [k, String(v)]),
    };
  }
  if (sendsContent && options.bodyContentType === 'form-urlencoded') {
    return { kind: 'form', value: parts.body as JsonObject };
  }
  if (options.bodyContentType === 'raw') return { kind: 'raw', value: String(parts.body) };
  if (responseFormat === 'file' && sendsContent) headers['Content-Type'] = 'application/json';
  return { kind: 'json', value: parts.body };
}

async function legacyItems(
  ctx: NodeExecutionContext,
  response: HttpResponse,
  item: Item,
  i: number,
  responseFormat: string,
  options: LegacyOptions,
): Promise<Item[]> {
  const paired = pairedWith(i);
  const property = ctx.getParameter<string>('dataPropertyName', 0, 'data');
  const meta = {
    headers: response.headers,
    statusCode: response.statusCode,
    statusMessage: response.statusMessage,
  };
  const contentType = headerValue(response.headers, 'content-type') ?? '';
  if (responseFormat === 'file') {
    const disposition = /filename="?([^";]+)"?/i.exec(
      headerValue(response.headers, 'content-disposition') ?? '',
    );
    const binary = await prepareBinaryData(response.body, {
      mimeType: contentType.split(';')[0] || undefined,
      fileName: disposition?.[1],
    });
    const json = options.fullResponse ? (meta as JsonObject) : item.json;
    return [{ json, binary: { ...item.binary, [property]: binary }, pairedItem: paired }];
  }
  const text = decodeText(response.body, contentType);
  if (responseFormat === 'string') {
    const json: JsonObject = options.fullResponse ? { [property]: text, ...meta } : { [property]: text };
    return [{ json, pairedItem: paired }];
  }
  let body: unknown;
  try {
    body = text === '' ? text : (JSON.parse(text) as unknown);
  } catch {
    throw operationError('Response body is not valid JSON. Change "Response Format" to "String"', {
      itemIndex: i,
    });
  }
  if (options.fullResponse) return [{ json: { body, ...meta }, pairedItem: paired }];
  if (options.splitIntoItems === true && Array.isArray(body)) {
    return body.map((entry) => ({ json: asJson(entry), pairedItem: paired }));
  }
  return [{ json: asJson(body), pairedItem: paired }];
}

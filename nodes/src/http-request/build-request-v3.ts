import type { CredentialData, Item, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { assertBinaryData, binaryToBuffer } from '../shared/binary-data.js';
import { formatPem } from '../shared/format-pem.js';
import { setPath } from '../shared/object-path.js';
import { operationError } from '../shared/operation-error.js';
import { applyCredential, assertSupportedCredentialType, credentialTypeOf } from './credentials.js';
import type { ArrayFormat } from './query-string.js';
import type { HttpRequestSpec, MultipartFile, RequestBody } from './send-request.js';

export type ResponseFormat = 'autodetect' | 'file' | 'json' | 'text';

/** How the answer to a request becomes items (the "Response" option). */
export interface ResponseHandling {
  responseFormat: ResponseFormat;
  fullResponse: boolean;
  neverError: boolean;
  outputPropertyName: string;
}

export interface BuiltRequest {
  spec: HttpRequestSpec;
  response: ResponseHandling;
}

interface BodyField {
  name: string;
  value?: unknown;
  parameterType?: 'formData' | 'formBinaryData';
  inputDataFieldName?: string;
}

interface ResponseOption {
  response?: {
    fullResponse?: boolean;
    neverError?: boolean;
    responseFormat?: ResponseFormat;
    outputPropertyName?: string;
  };
}

const ACCEPT: Record<string, string> = {
  json: 'application/json,text/*;q=0.99',
  text: 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, */*;q=0.1',
  other:
    'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7',
};

/** Default timeout of v3/v4 when none is set: five minutes. */
const DEFAULT_TIMEOUT = 300_000;

/** The request HTTP Request v3/v4.x sends for one item, from its parameters and credentials. */
export async function buildRequestV3(
  ctx: NodeExecutionContext,
  item: Item,
  itemIndex: number,
): Promise<BuiltRequest> {
  const version = ctx.node.typeVersion;
  const url = checkedUrl(ctx.getParameter<unknown>('url', itemIndex, ''));
  const method = ctx.getParameter<string>('method', itemIndex, 'GET');
  const option = <T>(name: string, fallback?: T) =>
    ctx.getParameter<T>(`options.${name}`, itemIndex, fallback);
  const response = option<ResponseOption>('response', {}).response ?? {};
  const responseFormat = response.responseFormat || 'autodetect';
  const redirect = option<{ redirect?: { followRedirects?: boolean; maxRedirects?: number } }>('redirect');
  // From v4 redirects are followed unless the option says otherwise.
  const defaultRedirect = version >= 4 && redirect === undefined;
  const follow = redirect?.redirect?.followRedirects === true || defaultRedirect;
  const spec: HttpRequestSpec = {
    method,
    url,
    headers: {},
    followRedirect: follow,
    followAllRedirects: follow,
    maxRedirects: redirect?.redirect?.maxRedirects ?? 21,
    sendCredentialsOnCrossOriginRedirect:
      option<boolean>('sendCredentialsOnCrossOriginRedirect') ?? version < 4.4,
    timeout: option<number>('timeout') || DEFAULT_TIMEOUT,
    rejectUnauthorized: option<boolean>('allowUnauthorizedCerts') !== true,
    proxy: option<string>('proxy') || undefined,
    simple: response.neverError !== true,
  };
  if (ctx.getParameter<boolean>('sendQuery', itemIndex, false) === true) {
    spec.qs = queryOf(ctx, itemIndex, version);
    spec.qsArrayFormat = option<ArrayFormat>('queryParameterArrays');
  }
  spec.body = await bodyOf(ctx, item, itemIndex, method, spec.headers);
  if (ctx.getParameter<boolean>('sendHeaders', itemIndex, false) === true) {
    const headers = headersOf(ctx, itemIndex);
    const lowercase = option<boolean>('lowercaseHeaders') !== false;
    for (const [name, value] of Object.entries(headers)) {
      spec.headers[lowercase ? name.toLowerCase() : name] = String(value);
    }
  }
  // A raw body's content type wins over the headers given (n8n sets it last).
  if (spec.body?.kind === 'raw' && ctx.getParameter<string>('contentType', itemIndex, 'json') === 'raw') {
    spec.headers['content-type'] = ctx.getParameter<string>('rawContentType', itemIndex, '');
  }
  if (ctx.getParameter<boolean>('provideSslCertificates', itemIndex, false) === true) {
    spec.tls = tlsOptions(await ctx.getCredentials('httpSslAuth'));
  }
  const credentialType = credentialTypeOf(ctx, itemIndex);
  if (credentialType) {
    assertSupportedCredentialType(credentialType, itemIndex);
    applyCredential(spec, credentialType, await ctx.getCredentials(credentialType));
  }
  if (spec.headers.accept === undefined) spec.headers.accept = ACCEPT[responseFormat] ?? ACCEPT.other!;
  return {
    spec,
    response: {
      responseFormat,
      fullResponse: response.fullResponse === true,
      neverError: response.neverError === true,
      outputPropertyName: response.outputPropertyName ?? 'data',
    },
  };
}

/** The httpSslAuth credential as TLS options: CA, client certificate and key (PEM), key passphrase. */
function tlsOptions(credential: CredentialData): NonNullable<HttpRequestSpec['tls']> {
  const tls: NonNullable<HttpRequestSpec['tls']> = {};
  if (credential.ca) tls.ca = formatPem(credential.ca);
  if (credential.cert) tls.cert = formatPem(credential.cert);
  if (credential.key) tls.key = formatPem(credential.key);
  if (credential.passphrase) tls.passphrase = credential.passphrase;
  return tls;
}

/** n8n's URL checks: a non-empty string starting with http:// or https://. */
export function checkedUrl(value: unknown): string {
  if (typeof value !== 'string') {
    throw operationError(`URL parameter must be a string, got ${value === null ? 'null' : typeof value}`);
  }
  const url = value.trim();
  if (!url) throw operationError('URL parameter cannot be empty');
  if (!url.startsWith('http://') && !url.startsWith('https://')) {
    throw operationError(`Invalid URL: ${url}. URL must start with "http" or "https".`);
  }
  return url;
}

/** Adds a value under a name; from v4.3 a repeated name collects its values into a list. */
function addValue(target: JsonObject, name: string, value: unknown, version: number): void {
  const existing = target[name];
  if (version < 4.3 || existing === undefined) target[name] = value;
  else target[name] = Array.isArray(existing) ? [...(existing as unknown[]), value] : [existing, value];
}

function queryOf(ctx: NodeExecutionContext, itemIndex: number, version: number): JsonObject {
  if (ctx.getParameter<string>('specifyQuery', itemIndex, 'keypair') === 'json') {
    return parseJsonParameter(
      ctx.getParameter('jsonQuery', itemIndex, ''),
      'JSON Query Parameters',
      itemIndex,
    );
  }
  const query: JsonObject = {};
  for (const { name, value } of fields(ctx, 'queryParameters', itemIndex))
    addValue(query, name, value, version);
  return query;
}

function headersOf(ctx: NodeExecutionContext, itemIndex: number): JsonObject {
  if (ctx.getParameter<string>('specifyHeaders', itemIndex, 'keypair') === 'json') {
    return parseJsonParameter(ctx.getParameter('jsonHeaders', itemIndex, ''), 'JSON Headers', itemIndex);
  }
  const headers: JsonObject = {};
  for (const { name, value } of fields(ctx, 'headerParameters', itemIndex)) {
    if (name) addValue(headers, name, value, ctx.node.typeVersion);
  }
  return headers;
}

function fields(ctx: NodeExecutionContext, name: string, itemIndex: number): BodyField[] {
  const list = ctx.getParameter<BodyField[]>(`${name}.parameters`, itemIndex, []);
  return list.map((entry) => ({ ...entry, name: String(entry.name ?? '') }));
}

async function bodyOf(
  ctx: NodeExecutionContext,
  item: Item,
  itemIndex: number,
  method: string,
  headers: Record<string, string>,
): Promise<RequestBody | undefined> {
  if (ctx.getParameter<boolean>('sendBody', itemIndex, false) !== true) return undefined;
  const contentType = ctx.getParameter<string>('contentType', itemIndex, 'json');
  const version = ctx.node.typeVersion;
  const sendsContent = ['PATCH', 'POST', 'PUT', 'GET'].includes(method);
  if (sendsContent && contentType === 'binaryData') {
    const binary = assertBinaryData(
      item,
      ctx.getParameter<string>('inputDataFieldName', itemIndex, ''),
      itemIndex,
    );
    const data = binaryToBuffer(binary, itemIndex);
    headers['content-length'] = String(data.length);
    headers['content-type'] = binary.mimeType ?? 'application/octet-stream';
    return { kind: 'raw', value: data };
  }
  if (sendsContent && contentType === 'raw') {
    return { kind: 'raw', value: String(ctx.getParameter('body', itemIndex, '')) };
  }
  if (contentType === 'multipart-form-data') {
    const parts = multipartFields(item, fields(ctx, 'bodyParameters', itemIndex), itemIndex);
    return sendsContent
      ? { kind: 'multipart', fields: parts }
      : { kind: 'json', value: Object.fromEntries(parts) };
  }
  const value = bodyValue(ctx, itemIndex, contentType, version);
  return sendsContent && contentType === 'form-urlencoded'
    ? { kind: 'form', value: value as JsonObject }
    : { kind: 'json', value };
}

function bodyValue(
  ctx: NodeExecutionContext,
  itemIndex: number,
  contentType: string,
  version: number,
): unknown {
  const specifyBody = ctx.getParameter<string>('specifyBody', itemIndex, 'keypair');
  if (specifyBody === 'json' && contentType === 'json') {
    const json = ctx.getParameter<unknown>('jsonBody', itemIndex, '');
    return typeof json === 'object' || json === null
      ? json
      : parseJsonParameter(json, 'JSON Body', itemIndex);
  }
  if (specifyBody === 'string' && contentType === 'form-urlencoded') {
    return Object.fromEntries(new URLSearchParams(String(ctx.getParameter('body', itemIndex, ''))));
  }
  const body: JsonObject = {};
  for (const { name, value } of fields(ctx, 'bodyParameters', itemIndex)) {
    // JSON bodies from v4 take dot paths as nesting (`a.b` → {a: {b}}).
    if (contentType === 'json' && version >= 4) setPath(body, name, value);
    else addValue(body, name, value, version);
  }
  return body;
}

function multipartFields(
  item: Item,
  list: BodyField[],
  itemIndex: number,
): Array<[string, string | MultipartFile]> {
  const parts: Array<[string, string | MultipartFile]> = [];
  for (const field of list) {
    if (field.parameterType === 'formBinaryData') {
      if (!field.inputDataFieldName) continue;
      const binary = assertBinaryData(item, field.inputDataFieldName, itemIndex);
      parts.push([
        field.name,
        {
          data: binaryToBuffer(binary, itemIndex),
          fileName: binary.fileName ?? 'file',
          contentType: binary.mimeType,
        },
      ]);
    } else {
      parts.push([field.name, String(field.value ?? '')]);
    }
  }
  return parts;
}

/** Parses a JSON parameter, or fails naming the field (n8n's parseJsonParameter). */
export function parseJsonParameter(value: unknown, fieldName: string, itemIndex: number): JsonObject {
  if (value !== null && typeof value === 'object') return value as JsonObject;
  try {
    return JSON.parse(String(value)) as JsonObject;
  } catch (error) {
    throw operationError(`The value in the "${fieldName}" field is not valid JSON`, {
      itemIndex,
      description: (error as Error).message,
    });
  }
}

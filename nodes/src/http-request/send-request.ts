import { Blob } from 'node:buffer';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';
import type { Dispatcher, FormData } from 'undici';
import { lazyModule } from '../shared/lazy-module.js';

/** undici, loaded when an HTTP Request node first sends. */
const undici = lazyModule(() => import('undici'));
import { appendQuery, stringifyQuery } from './query-string.js';
import type { ArrayFormat } from './query-string.js';

/** A file part of a multipart body. */
export interface MultipartFile {
  data: Buffer;
  fileName: string;
  contentType?: string | undefined;
}

/** The body of a request, by how it is encoded. */
export type RequestBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: Record<string, unknown> }
  | { kind: 'multipart'; fields: Array<[string, string | MultipartFile]> }
  | { kind: 'raw'; value: string | Buffer };

/** One HTTP request as HTTP Request builds it (n8n's request options, reduced to what we send). */
export interface HttpRequestSpec {
  method: string;
  url: string;
  qs?: Record<string, unknown> | undefined;
  qsArrayFormat?: ArrayFormat | undefined;
  headers: Record<string, string>;
  body?: RequestBody | undefined;
  auth?: { user: string; pass: string } | undefined;
  /** Follow redirects of GET and HEAD requests */
  followRedirect: boolean;
  /** Follow redirects of every method */
  followAllRedirects: boolean;
  maxRedirects: number;
  /** Keep Authorization and auth query values when a redirect changes origin */
  sendCredentialsOnCrossOriginRedirect: boolean;
  /** Milliseconds to wait for response headers */
  timeout: number;
  rejectUnauthorized: boolean;
  /** Client certificate, key and CA for TLS (the httpSslAuth credential) */
  tls?: { ca?: string; cert?: string; key?: string; passphrase?: string } | undefined;
  proxy?: string | undefined;
  /** Reject non-2xx answers (n8n's `simple`, on unless "never error") */
  simple: boolean;
}

export interface HttpResponse {
  statusCode: number;
  statusMessage: string;
  headers: Record<string, string | string[]>;
  /** Decompressed bytes of the body */
  body: Buffer;
  /** The URL that answered, after redirects */
  url: string;
}

/** A request that got an answer outside 2xx (with `simple`), or none at all. */
export class HttpRequestError extends Error {
  constructor(
    message: string,
    readonly response?: HttpResponse,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'HttpRequestError';
  }
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const decompressors: Record<string, (input: Buffer) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  br: promisify(brotliDecompress),
};

/** Sends a request with undici, following redirects as n8n's request helper does; resolves with the answer. */
export async function sendRequest(spec: HttpRequestSpec, signal: AbortSignal): Promise<HttpResponse> {
  await undici.load();
  const dispatcher = createDispatcher(spec);
  try {
    let method = spec.method.toUpperCase();
    let url = appendQuery(spec.url, stringifyQuery(spec.qs ?? {}, spec.qsArrayFormat ?? 'indices'));
    let headers = { ...spec.headers };
    let body = encodeBody(spec.body, headers);
    if (spec.auth) headers.authorization = basicAuth(spec.auth);
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'accept-encoding')) {
      headers['accept-encoding'] = 'gzip, deflate, br';
    }
    const origin = new URL(url).origin;
    for (let redirects = 0; ; redirects++) {
      const response = await exchange(dispatcher, method, url, headers, body, spec.timeout, signal);
      const location = headerValue(response.headers, 'location');
      const follow = method === 'GET' || method === 'HEAD' ? spec.followRedirect : spec.followAllRedirects;
      if (!REDIRECTS.has(response.statusCode) || !location || !follow) return finish(response, spec);
      if (redirects >= spec.maxRedirects) {
        throw new HttpRequestError(
          'Maximum number of redirects exceeded',
          undefined,
          'ERR_FR_TOO_MANY_REDIRECTS',
        );
      }
      url = new URL(location, url).toString();
      // 301/302 turn a POST into a GET, 303 anything but HEAD; 307/308 repeat the request as it was.
      if (response.statusCode === 303 ? method !== 'HEAD' : response.statusCode < 303 && method === 'POST') {
        method = 'GET';
        body = undefined;
        headers = withoutKeys(headers, ['content-type', 'content-length']);
      }
      if (new URL(url).origin !== origin && !spec.sendCredentialsOnCrossOriginRedirect) {
        headers = withoutKeys(headers, CREDENTIAL_HEADERS);
      }
    }
  } finally {
    await dispatcher.close().catch(() => undefined);
  }
}

function createDispatcher(spec: HttpRequestSpec): Dispatcher {
  const connect = { ...spec.tls, rejectUnauthorized: spec.rejectUnauthorized };
  const timeouts = { headersTimeout: spec.timeout, bodyTimeout: 0 };
  const { Agent, ProxyAgent } = undici.get();
  if (spec.proxy) return new ProxyAgent({ uri: spec.proxy, requestTls: connect, ...timeouts });
  return new Agent({ connect, ...timeouts });
}

type Payload = string | Buffer | FormData | undefined;

async function exchange(
  dispatcher: Dispatcher,
  method: string,
  url: string,
  headers: Record<string, string>,
  body: Payload,
  timeout: number,
  signal: AbortSignal,
): Promise<HttpResponse> {
  const timer = AbortSignal.timeout(timeout);
  try {
    const answer = await undici.get().request(url, {
      dispatcher,
      method: method as Dispatcher.HttpMethod,
      headers,
      body: body ?? null,
      signal: AbortSignal.any([signal, timer]),
    });
    const raw = Buffer.from(await answer.body.arrayBuffer());
    const responseHeaders = answer.headers as Record<string, string | string[]>;
    return {
      statusCode: answer.statusCode,
      statusMessage: STATUS_TEXT[answer.statusCode] ?? '',
      headers: responseHeaders,
      body: await decompress(raw, headerValue(responseHeaders, 'content-encoding')),
      url,
    };
  } catch (error) {
    if (timer.aborted && !signal.aborted) {
      throw new HttpRequestError(`timeout of ${timeout}ms exceeded`, undefined, 'ETIMEDOUT', {
        cause: error,
      });
    }
    const code =
      (error as { code?: string; cause?: { code?: string } }).cause?.code ??
      (error as { code?: string }).code;
    throw new HttpRequestError((error as Error).message, undefined, code, { cause: error });
  }
}

function finish(response: HttpResponse, spec: HttpRequestSpec): HttpResponse {
  if (spec.simple && (response.statusCode < 200 || response.statusCode >= 300)) {
    throw new HttpRequestError(
      `Request failed with status code ${response.statusCode}`,
      response,
      response.statusCode >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
    );
  }
  return response;
}

function encodeBody(body: RequestBody | undefined, headers: Record<string, string>): Payload {
  if (body === undefined) return undefined;
  const setType = (type: string) => {
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
      headers['content-type'] = type;
  };
  switch (body.kind) {
    case 'json':
      if (body.value === undefined) return undefined;
      setType('application/json');
      return JSON.stringify(body.value);
    case 'form':
      setType('application/x-www-form-urlencoded');
      return stringifyQuery(body.value, 'indices');
    case 'multipart': {
      const form = new (undici.get().FormData)();
      for (const [name, value] of body.fields) {
        if (typeof value === 'string') form.append(name, value);
        else form.append(name, new Blob([value.data], { type: value.contentType ?? '' }), value.fileName);
      }
      return form;
    }
    case 'raw':
      return body.value;
  }
}

async function decompress(body: Buffer, encoding: string | undefined): Promise<Buffer> {
  if (!encoding || body.length === 0) return body;
  const coding = encoding.trim().toLowerCase();
  if (coding === 'deflate') {
    // Servers send deflate with and without the zlib wrapper.
    return promisify(inflate)(body).catch(() => promisify(inflateRaw)(body));
  }
  const decoder = decompressors[coding];
  return decoder ? decoder(body) : body;
}

/** A response header as one string (lists joined with ", "). */
export function headerValue(headers: Record<string, string | string[]>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function basicAuth({ user, pass }: { user: string; pass: string }): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
}

function withoutKeys(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !names.includes(name.toLowerCase())));
}

import type { JsonObject, NodeSpec, NodeTypeRegistry } from '@budflow/runtime';
import type { ResponseMode } from '../ports.js';
import { parsePath } from './path-pattern.js';
import type { PathSegment } from './path-pattern.js';

export const HTTP_METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Authentication of a webhook (n8n's `authentication` parameter) with the Secret that holds its credential. */
export type AuthSettings = { type: 'none' } | { type: 'basic' | 'header' | 'jwt'; secretName: string };

/** HMAC signature over the raw body (a BudFlow option, `options.signature`). */
export interface SignatureSettings {
  /** github: `x-hub-signature-256: sha256=<hex>` over the body; stripe: `stripe-signature: t=..,v1=..` over `t.body`; hmac: `x-signature` over `timestamp.body` with `x-timestamp` */
  scheme: 'github' | 'stripe' | 'hmac';
  secretName: string;
  algorithm: 'sha256' | 'sha512';
  /** hmac scheme: the headers carrying the signature and the timestamp */
  header: string;
  timestampHeader: string;
  /** Oldest (and furthest in the future) timestamp accepted, in seconds */
  toleranceSeconds: number;
}

export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Everything the gateway needs from one Webhook node, parsed and checked once when the route is built. */
export interface WebhookSettings {
  methods: HttpMethod[];
  segments: PathSegment[];
  responseMode: ResponseMode;
  responseCode: number;
  responseData: 'allEntries' | 'firstEntryJson' | 'firstEntryBinary' | 'noData';
  responseBinaryPropertyName: string;
  auth: AuthSettings;
  signature?: SignatureSettings;
  rateLimit: { webhook?: RateLimit; client?: RateLimit };
  idempotency: { header: string; bodyField?: string };
  /** Allowed client addresses (n8n's `ipWhitelist`); empty: anyone */
  ipAllowList: string[];
  /** Keep the raw body as binary `data` beside the parsed body (n8n's `rawBody`) */
  rawBody: boolean;
  /** v1 `binaryData`: the whole body is binary data */
  binaryData: boolean;
  binaryPropertyName?: string;
  noResponseBody: boolean;
  /** onReceived: the text answered instead of the default message (n8n's option `responseData`) */
  onReceivedBody?: string;
  responseContentType?: string;
  responseHeaders: Record<string, string>;
  responsePropertyName?: string;
}

export type SettingsResult = { ok: true; settings: WebhookSettings } | { ok: false; problems: string[] };

const AUTH_CREDENTIAL: Record<string, { type: AuthSettings['type']; credential: string }> = {
  basicAuth: { type: 'basic', credential: 'httpBasicAuth' },
  headerAuth: { type: 'header', credential: 'httpHeaderAuth' },
  jwtAuth: { type: 'jwt', credential: 'jwtAuth' },
};

/** Credential type of the signature secret (a Secret with a `secret` key). */
export const SIGNATURE_CREDENTIAL = 'webhookSignature';

/**
 * Reads a Webhook node's parameters (with the node type's defaults) into route settings. Anything the gateway
 * acts on must be written literally: an expression there would have to run in the gateway, which never
 * evaluates workflow code.
 */
export function webhookSettings(node: NodeSpec, registry: NodeTypeRegistry): SettingsResult {
  const nodeType = registry.get(node.type);
  const parsed = nodeType?.parameters(node.typeVersion).safeParse(node.parameters);
  if (!parsed?.success)
    return { ok: false, problems: ['its parameters are not valid (run budflow validate)'] };
  const p = parsed.data;
  const problems: string[] = [];
  const literal = <T>(name: string, value: T): T => {
    if (containsExpression(value))
      problems.push(`parameter '${name}' is an expression; the gateway needs a literal value`);
    return value;
  };
  const options = literal('options', (p.options ?? {}) as JsonObject);

  const methodsRaw = literal('httpMethod', p.httpMethod);
  const methods = (Array.isArray(methodsRaw) ? methodsRaw : [methodsRaw]) as HttpMethod[];
  const path = parsePath(String(literal('path', p.path) ?? ''));
  if (!path.ok) problems.push(path.message);

  const responseMode = String(literal('responseMode', p.responseMode));
  if (responseMode === 'streaming') problems.push("responseMode 'streaming' is not supported by the gateway");
  const auth = authSettings(node, String(literal('authentication', p.authentication)), problems);
  const signature = signatureSettings(node, options.signature, problems);
  const responseCode = responseCodeOf(p.responseCode, options.responseCode);
  if (!Number.isInteger(responseCode) || responseCode < 100 || responseCode > 599)
    problems.push(`response code ${String(responseCode)} is not an HTTP status`);

  const settings: WebhookSettings = {
    methods,
    segments: path.ok ? path.segments : [],
    responseMode: responseMode as ResponseMode,
    responseCode,
    responseData: String(literal('responseData', p.responseData)) as WebhookSettings['responseData'],
    responseBinaryPropertyName: String(p.responseBinaryPropertyName ?? 'data'),
    auth,
    ...(signature ? { signature } : {}),
    rateLimit: rateLimits(options.rateLimit, problems),
    idempotency: idempotency(options.idempotency, signature, problems),
    ipAllowList: listOf(options.ipWhitelist),
    rawBody: options.rawBody === true,
    binaryData: node.typeVersion < 2 && options.binaryData === true,
    ...(typeof options.binaryPropertyName === 'string' && options.binaryPropertyName
      ? { binaryPropertyName: options.binaryPropertyName }
      : {}),
    noResponseBody: options.noResponseBody === true,
    ...(typeof options.responseData === 'string' ? { onReceivedBody: options.responseData } : {}),
    ...(typeof options.responseContentType === 'string' && options.responseContentType
      ? { responseContentType: options.responseContentType }
      : {}),
    responseHeaders: headerEntries(options.responseHeaders),
    ...(typeof options.responsePropertyName === 'string' && options.responsePropertyName
      ? { responsePropertyName: options.responsePropertyName }
      : {}),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings };
}

function authSettings(node: NodeSpec, authentication: string, problems: string[]): AuthSettings {
  if (authentication === 'none') return { type: 'none' };
  const wanted = AUTH_CREDENTIAL[authentication];
  if (!wanted) {
    problems.push(`authentication '${authentication}' is not supported by the gateway`);
    return { type: 'none' };
  }
  const secretName = node.credentials?.[wanted.credential]?.secretName;
  if (!secretName) {
    problems.push(`authentication '${authentication}' needs credentials.${wanted.credential}.secretName`);
    return { type: 'none' };
  }
  return { type: wanted.type, secretName } as AuthSettings;
}

function signatureSettings(
  node: NodeSpec,
  value: unknown,
  problems: string[],
): SignatureSettings | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    problems.push("option 'signature' must be an object ({ scheme: github | stripe | hmac })");
    return undefined;
  }
  const scheme = value.scheme ?? 'hmac';
  if (scheme !== 'github' && scheme !== 'stripe' && scheme !== 'hmac') {
    problems.push(`signature scheme '${String(scheme)}' is not one of github, stripe, hmac`);
    return undefined;
  }
  const algorithm = value.algorithm ?? 'sha256';
  if (algorithm !== 'sha256' && algorithm !== 'sha512') {
    problems.push(`signature algorithm '${String(algorithm)}' is not sha256 or sha512`);
    return undefined;
  }
  const secretName = node.credentials?.[SIGNATURE_CREDENTIAL]?.secretName;
  if (!secretName) {
    problems.push(`option 'signature' needs credentials.${SIGNATURE_CREDENTIAL}.secretName`);
    return undefined;
  }
  const tolerance = value.toleranceSeconds ?? 300;
  if (typeof tolerance !== 'number' || tolerance <= 0)
    problems.push('signature toleranceSeconds must be a positive number');
  return {
    scheme,
    secretName,
    algorithm: scheme === 'hmac' ? algorithm : 'sha256',
    header: lower(
      value.header,
      scheme === 'github' ? 'x-hub-signature-256' : scheme === 'stripe' ? 'stripe-signature' : 'x-signature',
    ),
    timestampHeader: lower(value.timestampHeader, 'x-timestamp'),
    toleranceSeconds: Number(tolerance),
  };
}

function rateLimits(value: unknown, problems: string[]): WebhookSettings['rateLimit'] {
  if (value === undefined) return {};
  if (!isObject(value)) {
    problems.push(
      "option 'rateLimit' must be an object ({ webhook: { max, windowSeconds }, client: { ... } })",
    );
    return {};
  }
  const one = (name: 'webhook' | 'client'): RateLimit | undefined => {
    const limit = value[name];
    if (limit === undefined) return undefined;
    if (
      !isObject(limit) ||
      !positiveInt(limit.max) ||
      (limit.windowSeconds !== undefined && !positive(limit.windowSeconds))
    ) {
      problems.push(`option 'rateLimit.${name}' needs a positive integer max and positive windowSeconds`);
      return undefined;
    }
    return { max: limit.max as number, windowMs: ((limit.windowSeconds as number | undefined) ?? 60) * 1000 };
  };
  const webhook = one('webhook');
  const client = one('client');
  return { ...(webhook ? { webhook } : {}), ...(client ? { client } : {}) };
}

function idempotency(
  value: unknown,
  signature: SignatureSettings | undefined,
  problems: string[],
): WebhookSettings['idempotency'] {
  // GitHub names every delivery (and keeps the name on redelivery): the natural idempotency key.
  const header = signature?.scheme === 'github' ? 'x-github-delivery' : 'idempotency-key';
  if (value === undefined) return { header };
  if (!isObject(value)) {
    problems.push("option 'idempotency' must be an object ({ header, bodyField })");
    return { header };
  }
  return {
    header: lower(value.header, header),
    ...(typeof value.bodyField === 'string' && value.bodyField ? { bodyField: value.bodyField } : {}),
  };
}

/** n8n v1 has `responseCode`; v2 has `options.responseCode` as a number or `{ values: { responseCode, customCode } }`. */
function responseCodeOf(parameter: unknown, option: unknown): number {
  if (typeof parameter === 'number') return parameter;
  if (typeof option === 'number') return option;
  if (isObject(option) && isObject(option.values)) {
    const { responseCode, customCode } = option.values;
    if (typeof customCode === 'number' && customCode > 0) return customCode;
    if (typeof responseCode === 'number') return responseCode;
  }
  return 200;
}

function headerEntries(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  const entries = isObject(value) && Array.isArray(value.entries) ? value.entries : [];
  for (const entry of entries) {
    if (isObject(entry) && typeof entry.name === 'string' && entry.name)
      headers[entry.name.toLowerCase()] = String(entry.value ?? '');
  }
  return headers;
}

function listOf(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function containsExpression(value: unknown): boolean {
  if (typeof value === 'string') return value.startsWith('=');
  if (Array.isArray(value)) return value.some(containsExpression);
  if (isObject(value)) return Object.values(value).some(containsExpression);
  return false;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const positive = (value: unknown) => typeof value === 'number' && value > 0;
const positiveInt = (value: unknown) => Number.isInteger(value) && (value as number) > 0;
const lower = (value: unknown, fallback: string) =>
  typeof value === 'string' && value ? value.toLowerCase() : fallback;

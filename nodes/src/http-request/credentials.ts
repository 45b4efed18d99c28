import type { CredentialData, JsonObject, NodeExecutionContext } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import type { HttpRequestSpec } from './send-request.js';

/** Credential types whose way of authenticating a request we know (n8n's generic auth types). */
const SUPPORTED = ['httpBasicAuth', 'httpBearerAuth', 'httpHeaderAuth', 'httpQueryAuth', 'httpCustomAuth'];

/** v1's authentication values, named after the credential type they use. */
export const V1_CREDENTIAL_TYPES: Record<string, string> = {
  basicAuth: 'httpBasicAuth',
  digestAuth: 'httpDigestAuth',
  headerAuth: 'httpHeaderAuth',
  queryAuth: 'httpQueryAuth',
  oAuth1: 'oAuth1Api',
  oAuth2: 'oAuth2Api',
};

/** The credential type a node's authentication parameters name, or undefined for none. */
export function credentialTypeOf(ctx: NodeExecutionContext, itemIndex: number): string | undefined {
  const authentication = ctx.getParameter<string>('authentication', 0, 'none');
  if (ctx.node.typeVersion === 1) return V1_CREDENTIAL_TYPES[authentication];
  if (authentication === 'genericCredentialType')
    return ctx.getParameter<string>('genericAuthType', 0, '') || undefined;
  if (authentication === 'predefinedCredentialType') {
    return ctx.getParameter<string>('nodeCredentialType', itemIndex, '') || undefined;
  }
  return undefined;
}

/** Fails early for credential types we cannot apply (OAuth, digest, service-specific types). */
export function assertSupportedCredentialType(type: string, itemIndex: number): void {
  if (SUPPORTED.includes(type)) return;
  throw operationError(`Authentication with credentials of type '${type}' is not supported by BudFlow yet`, {
    itemIndex,
    description: `Supported credential types: ${SUPPORTED.join(', ')}`,
  });
}

/** Writes a credential into a request the way n8n's HTTP Request does for its generic auth types. */
export function applyCredential(spec: HttpRequestSpec, type: string, data: CredentialData): void {
  switch (type) {
    case 'httpBasicAuth':
      spec.auth = { user: data.user ?? '', pass: data.password ?? '' };
      break;
    case 'httpBearerAuth':
      spec.headers.Authorization = `Bearer ${String(data.token)}`;
      break;
    case 'httpHeaderAuth':
      spec.headers[data.name ?? ''] = data.value ?? '';
      break;
    case 'httpQueryAuth':
      spec.qs = { ...spec.qs, [data.name ?? '']: data.value };
      break;
    case 'httpCustomAuth':
      applyCustomAuth(spec, data.json);
      break;
  }
}

function applyCustomAuth(spec: HttpRequestSpec, text: string | undefined): void {
  let custom: { headers?: Record<string, string>; body?: JsonObject; qs?: JsonObject };
  try {
    custom = JSON.parse(text || '{}') as typeof custom;
  } catch (error) {
    throw operationError('Invalid Custom Auth JSON', { cause: error });
  }
  if (custom.headers) Object.assign(spec.headers, custom.headers);
  if (custom.qs) spec.qs = { ...spec.qs, ...custom.qs };
  if (custom.body && spec.body?.kind === 'json') {
    spec.body = { kind: 'json', value: { ...(spec.body.value as JsonObject), ...custom.body } };
  } else if (custom.body && spec.body?.kind === 'form') {
    spec.body = { kind: 'form', value: { ...spec.body.value, ...custom.body } };
  } else if (custom.body && spec.body === undefined) {
    spec.body = { kind: 'json', value: custom.body };
  }
}

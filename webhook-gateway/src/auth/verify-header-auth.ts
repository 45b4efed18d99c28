import { authFailed, authOk } from './auth-result.js';
import type { AuthResult } from './auth-result.js';
import { constantTimeEqual } from './constant-time.js';

/** A header token against an n8n `httpHeaderAuth` credential (`name`, `value`). */
export function verifyHeaderAuth(
  headers: Record<string, string | string[] | undefined>,
  credential: Record<string, string>,
): AuthResult {
  const name = (credential.name ?? '').toLowerCase();
  if (!name || !credential.value) return authFailed('invalid');
  const value = headers[name];
  if (value === undefined) return authFailed('missing');
  if (Array.isArray(value)) return authFailed('invalid');
  return constantTimeEqual(value, credential.value) ? authOk : authFailed('invalid');
}

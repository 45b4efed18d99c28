import { authFailed, authOk } from './auth-result.js';
import type { AuthResult } from './auth-result.js';
import { constantTimeEqual } from './constant-time.js';

/** HTTP Basic against an n8n `httpBasicAuth` credential (`user`, `password`). */
export function verifyBasicAuth(
  authorization: string | undefined,
  credential: Record<string, string>,
): AuthResult {
  if (!authorization) return authFailed('missing');
  const match = /^Basic\s+([A-Za-z0-9+/=._-]+)\s*$/i.exec(authorization);
  if (!match) return authFailed('invalid');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return authFailed('invalid');
  // Both comparisons always run, so the time does not tell whether the user name was right.
  const user = constantTimeEqual(decoded.slice(0, colon), credential.user ?? '');
  const password = constantTimeEqual(decoded.slice(colon + 1), credential.password ?? '');
  return user && password && (credential.user ?? '') !== '' ? authOk : authFailed('invalid');
}

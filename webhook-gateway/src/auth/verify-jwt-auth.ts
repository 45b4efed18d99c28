import { importSPKI, importX509, jwtVerify } from 'jose';
import type { JsonObject } from '@budflow/runtime';
import { authFailed } from './auth-result.js';
import type { AuthResult } from './auth-result.js';

/**
 * A Bearer JWT against an n8n `jwtAuth` credential: `keyType` passphrase (`secret`, HS*) or pemKey
 * (`publicKey`, RS, PS and ES algorithms), with exactly the credential's `algorithm` allowed (no `alg: none`, no
 * algorithm confusion). `exp` and `nbf` are enforced.
 */
export async function verifyJwtAuth(
  authorization: string | undefined,
  credential: Record<string, string>,
  nowMs: number,
): Promise<AuthResult> {
  if (!authorization) return authFailed('missing');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return authFailed('invalid');
  const algorithm = credential.algorithm || 'HS256';
  try {
    const key = await keyOf(credential, algorithm);
    const { payload } = await jwtVerify(match[1]!, key, {
      algorithms: [algorithm],
      currentDate: new Date(nowMs),
    });
    return { ok: true, jwtPayload: payload as JsonObject };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return authFailed(code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid');
  }
}

async function keyOf(credential: Record<string, string>, algorithm: string) {
  if (credential.keyType !== 'pemKey') {
    if (!algorithm.startsWith('HS')) throw new Error('a passphrase needs an HS* algorithm');
    if (!credential.secret) throw new Error('the credential has no secret');
    return new TextEncoder().encode(credential.secret);
  }
  const pem = (credential.publicKey ?? '').replace(/\\n/g, '\n').trim();
  return pem.includes('BEGIN CERTIFICATE') ? importX509(pem, algorithm) : importSPKI(pem, algorithm);
}

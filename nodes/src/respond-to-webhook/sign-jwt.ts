import { constants, createHmac, sign } from 'node:crypto';
import type { CredentialData, JsonObject } from '@budflow/runtime';
import { formatPem } from '../shared/format-pem.js';

const HASHES: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * Signs a JWT with an n8n `jwtAuth` credential: a passphrase (HS*) or a PEM private key (RS*, PS*, ES*).
 * `iat` is added like jsonwebtoken does.
 */
export function signJwt(payload: JsonObject, credential: CredentialData, nowMs: number): string {
  const algorithm = credential.algorithm || 'HS256';
  const family = algorithm.slice(0, 2);
  const hash = HASHES[algorithm.slice(2)];
  if (!hash || !['HS', 'RS', 'PS', 'ES'].includes(family))
    throw new Error(`Unsupported JWT algorithm '${algorithm}'`);
  const header = base64url(JSON.stringify({ alg: algorithm, typ: 'JWT' }));
  const body = base64url(JSON.stringify({ ...payload, iat: Math.floor(nowMs / 1000) }));
  const input = `${header}.${body}`;
  let signature: Buffer;
  if (family === 'HS') {
    signature = createHmac(
      hash,
      credential.keyType === 'pemKey' ? (credential.privateKey ?? '') : (credential.secret ?? ''),
    )
      .update(input)
      .digest();
  } else {
    const key = formatPem(credential.privateKey ?? '');
    signature =
      family === 'ES'
        ? sign(hash, Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
        : sign(
            hash,
            Buffer.from(input),
            family === 'PS'
              ? {
                  key,
                  padding: constants.RSA_PKCS1_PSS_PADDING,
                  saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
                }
              : key,
          );
  }
  return `${input}.${base64url(signature)}`;
}

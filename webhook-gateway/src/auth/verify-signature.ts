import { createHmac } from 'node:crypto';
import type { ReplayGuard } from '../ports.js';
import type { SignatureSettings } from '../routes/webhook-settings.js';
import { authFailed, authOk } from './auth-result.js';
import type { AuthResult } from './auth-result.js';
import { constantTimeEqual } from './constant-time.js';

export interface SignatureCheck {
  settings: SignatureSettings;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  secret: string;
  nowMs: number;
  replays: ReplayGuard;
  /** Keeps replay keys of different webhooks apart */
  scope: string;
}

/**
 * Verifies an HMAC signature over the exact bytes received.
 * - github: `X-Hub-Signature-256: sha256=<hex>` of the body. GitHub signs no timestamp; its retries keep
 *   `X-GitHub-Delivery`, which is the idempotency key, so a replay starts no second execution.
 * - stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=...]` of `<t>.<body>`.
 * - hmac: `<header>: [sha256=]<hex>` of `<timestamp>.<body>`, `<timestampHeader>: <unix seconds>`.
 * Timestamped schemes refuse a timestamp outside the tolerance, and a signature seen before within it.
 */
export async function verifySignature(check: SignatureCheck): Promise<AuthResult> {
  const { settings, headers } = check;
  const header = single(headers[settings.header]);
  if (!header) return authFailed('missing');
  switch (settings.scheme) {
    case 'github': {
      const expected = `sha256=${hmac('sha256', check.secret, [check.rawBody])}`;
      return constantTimeEqual(header.trim(), expected) ? authOk : authFailed('invalid');
    }
    case 'stripe': {
      const parts = header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
      const timestamp = parts.find(([k]) => k === 't')?.[1];
      const signatures = parts.filter(([k, v]) => k === 'v1' && v).map(([, v]) => v!);
      if (!timestamp || signatures.length === 0) return authFailed('missing');
      return timestamped(check, timestamp, signatures);
    }
    case 'hmac': {
      const timestamp = single(headers[settings.timestampHeader]);
      if (!timestamp) return authFailed('missing');
      const signature = header.trim().replace(/^(sha256|sha512|v1)=/i, '');
      return timestamped(check, timestamp, [signature]);
    }
  }
}

async function timestamped(
  check: SignatureCheck,
  timestamp: string,
  signatures: string[],
): Promise<AuthResult> {
  const { settings } = check;
  if (!/^\d{1,16}$/.test(timestamp)) return authFailed('invalid');
  const value = Number(timestamp);
  const seconds = value > 1e12 ? value / 1000 : value;
  const expected = hmac(settings.algorithm, check.secret, [Buffer.from(`${timestamp}.`), check.rawBody]);
  // Every candidate is compared, so the time does not tell which one matched.
  let matched: string | undefined;
  for (const candidate of signatures)
    if (constantTimeEqual(candidate.toLowerCase(), expected)) matched ??= candidate;
  if (!matched) return authFailed('invalid');
  if (Math.abs(check.nowMs / 1000 - seconds) > settings.toleranceSeconds) return authFailed('expired');
  const fresh = await check.replays.firstSeen(
    `${check.scope}|${timestamp}|${matched.toLowerCase()}`,
    settings.toleranceSeconds * 2000,
  );
  return fresh ? authOk : authFailed('replayed');
}

function hmac(algorithm: string, secret: string, parts: Buffer[]): string {
  const mac = createHmac(algorithm, secret);
  for (const part of parts) mac.update(part);
  return mac.digest('hex');
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

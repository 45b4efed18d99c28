import { describe, expect, it } from 'vitest';
import type { NodeSpec } from '@budflow/runtime';
import { registry } from '../gateway.test-support.js';
import { webhookSettings } from './webhook-settings.js';

const node = (
  parameters: Record<string, unknown>,
  typeVersion = 2,
  credentials?: NodeSpec['credentials'],
): NodeSpec => ({
  name: 'Webhook',
  type: 'webhook',
  typeVersion,
  parameters,
  ...(credentials ? { credentials } : {}),
});
const settings = (...args: Parameters<typeof node>) => {
  const result = webhookSettings(node(...args), registry);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.settings;
};

describe('webhookSettings', () => {
  it("fills n8n's defaults: GET, onReceived, 200, firstEntryJson, no auth, Idempotency-Key", () => {
    expect(settings({ path: 'p' })).toMatchObject({
      methods: ['GET'],
      responseMode: 'onReceived',
      responseCode: 200,
      responseData: 'firstEntryJson',
      auth: { type: 'none' },
      idempotency: { header: 'idempotency-key' },
      rateLimit: {},
      ipAllowList: [],
    });
  });

  it.each([
    ['v1 parameter', { path: 'p', responseCode: 201 }, 1, 201],
    ['v2 option number', { path: 'p', options: { responseCode: 202 } }, 2, 202],
    ['v2 option values', { path: 'p', options: { responseCode: { values: { responseCode: 204 } } } }, 2, 204],
    [
      'v2 custom code',
      { path: 'p', options: { responseCode: { values: { responseCode: 200, customCode: 299 } } } },
      2,
      299,
    ],
  ])('reads the response code from the %s', (_name, parameters, typeVersion, code) => {
    expect(settings(parameters, typeVersion).responseCode).toBe(code);
  });

  it('maps n8n authentication to the credential Secret', () => {
    expect(
      settings({ path: 'p', authentication: 'jwtAuth' }, 2, { jwtAuth: { secretName: 'j' } }).auth,
    ).toEqual({ type: 'jwt', secretName: 'j' });
    expect(
      settings({ path: 'p', authentication: 'headerAuth' }, 2, { httpHeaderAuth: { secretName: 'h' } }).auth,
    ).toEqual({ type: 'header', secretName: 'h' });
  });

  it('reads signature, rate limit and idempotency options (GitHub: X-GitHub-Delivery is the key)', () => {
    const s = settings(
      {
        path: 'p',
        options: {
          signature: { scheme: 'github' },
          rateLimit: { webhook: { max: 10, windowSeconds: 1 }, client: { max: 2 } },
        },
      },
      2,
      { webhookSignature: { secretName: 'gh' } },
    );
    expect(s.signature).toEqual({
      scheme: 'github',
      secretName: 'gh',
      algorithm: 'sha256',
      header: 'x-hub-signature-256',
      timestampHeader: 'x-timestamp',
      toleranceSeconds: 300,
    });
    expect(s.rateLimit).toEqual({
      webhook: { max: 10, windowMs: 1000 },
      client: { max: 2, windowMs: 60_000 },
    });
    expect(s.idempotency).toEqual({ header: 'x-github-delivery' });
    expect(
      settings({ path: 'p', options: { idempotency: { header: 'X-Event-Id', bodyField: 'id' } } })
        .idempotency,
    ).toEqual({ header: 'x-event-id', bodyField: 'id' });
  });
});

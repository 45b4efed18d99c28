import { createHmac, generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { lastItem, metricValue, NOW, testApp, webhookWorkflow } from '../gateway.test-support.js';
import type { TestApp } from '../gateway.test-support.js';

let t: TestApp;
afterEach(() => t?.app.close());

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const call = (url: string, headers: Record<string, string> = {}, payload: string | object = {}) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload });
const failures = (reason: string) =>
  metricValue(t.metrics, 'budflow_webhook_auth_failures_total', { reason });

describe('basic auth', () => {
  it('lets the right user in, asks for credentials with 401, refuses wrong ones with 403, and counts refusals', async () => {
    t = await testApp(
      [
        webhookWorkflow(
          'w',
          { path: 'hook', authentication: 'basicAuth' },
          { credentials: { httpBasicAuth: { secretName: 'hook-user' } } },
        ),
      ],
      {
        secrets: { 'default/hook-user': { user: 'ada', password: 's3cret' } },
      },
    );
    expect((await call('/webhook/hook', { authorization: basic('ada', 's3cret') })).statusCode).toBe(200);
    const missing = await call('/webhook/hook');
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Basic realm="Webhook"');
    expect(missing.json()).toEqual({
      code: 'BF_ERR_WEBHOOK_AUTH_REQUIRED',
      message: 'Authorization is required',
    });
    for (const header of [basic('ada', 'wrong'), basic('eve', 's3cret'), basic('', ''), 'Basic !!!']) {
      const refused = await call('/webhook/hook', { authorization: header });
      expect(refused.statusCode, header).toBe(403);
      expect(refused.json()).toEqual({
        code: 'BF_ERR_WEBHOOK_AUTH_INVALID',
        message: 'Authorization data is wrong',
      });
    }
    expect(t.intake.triggers).toHaveLength(1);
    expect([await failures('missing'), await failures('invalid')]).toEqual([1, 4]);
  });

  it('fails closed with 500 and no detail when the Secret is missing', async () => {
    t = await testApp([
      webhookWorkflow(
        'w',
        { path: 'hook', authentication: 'basicAuth' },
        { credentials: { httpBasicAuth: { secretName: 'gone' } } },
      ),
    ]);
    const response = await call('/webhook/hook', { authorization: basic('a', 'b') });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      code: 'BF_ERR_WEBHOOK_CREDENTIALS_MISSING',
      message: 'The credentials of this webhook are not available',
    });
  });
});

describe('header auth', () => {
  it('compares the named header with the credential value', async () => {
    t = await testApp(
      [
        webhookWorkflow(
          'w',
          { path: 'hook', authentication: 'headerAuth' },
          { credentials: { httpHeaderAuth: { secretName: 'token' } } },
        ),
      ],
      {
        secrets: { 'default/token': { name: 'X-Api-Key', value: 'k-123' } },
      },
    );
    expect((await call('/webhook/hook', { 'x-api-key': 'k-123' })).statusCode).toBe(200);
    expect((await call('/webhook/hook', { 'x-api-key': 'k-124' })).statusCode).toBe(403);
    expect((await call('/webhook/hook', { 'x-api-key': 'k-1234' })).statusCode).toBe(403);
    expect((await call('/webhook/hook')).statusCode).toBe(401);
  });
});

describe('JWT auth', () => {
  const hs = (claims: object, secret = 'jwt-secret', alg = 'HS256', exp?: number) => {
    const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg }).setIssuedAt(NOW / 1000);
    if (exp) jwt.setExpirationTime(exp);
    return jwt.sign(new TextEncoder().encode(secret));
  };

  it('verifies an HS256 Bearer token with the passphrase and gives its claims as $json.jwtPayload', async () => {
    t = await testApp(
      [
        webhookWorkflow(
          'w',
          { path: 'hook', authentication: 'jwtAuth' },
          { credentials: { jwtAuth: { secretName: 'jwt' } } },
        ),
      ],
      {
        secrets: { 'default/jwt': { keyType: 'passphrase', secret: 'jwt-secret', algorithm: 'HS256' } },
      },
    );
    expect(
      (await call('/webhook/hook', { authorization: `Bearer ${await hs({ sub: 'u1' })}` })).statusCode,
    ).toBe(200);
    expect(lastItem(t.intake).json.jwtPayload).toEqual({ sub: 'u1', iat: NOW / 1000 });
    expect(
      (await call('/webhook/hook', { authorization: `Bearer ${await hs({ sub: 'u1' }, 'other')}` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('/webhook/hook', { authorization: `Bearer ${await hs({}, 'jwt-secret', 'HS512')}` }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call('/webhook/hook', {
          authorization: `Bearer ${await hs({}, 'jwt-secret', 'HS256', NOW / 1000 - 10)}`,
        })
      ).statusCode,
    ).toBe(403);
    expect((await call('/webhook/hook', { authorization: 'Bearer not.a.jwt' })).statusCode).toBe(403);
    expect((await call('/webhook/hook')).statusCode).toBe(401);
    expect(await failures('expired')).toBe(1);
  });

  it('verifies an RS256 token with the public key, and refuses an unsigned one', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    t = await testApp(
      [
        webhookWorkflow(
          'w',
          { path: 'hook', authentication: 'jwtAuth' },
          { credentials: { jwtAuth: { secretName: 'jwt' } } },
        ),
      ],
      {
        secrets: {
          'default/jwt': {
            keyType: 'pemKey',
            publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
            algorithm: 'RS256',
          },
        },
      },
    );
    const token = await new SignJWT({ sub: 'svc' }).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    expect((await call('/webhook/hook', { authorization: `Bearer ${token}` })).statusCode).toBe(200);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')}.`;
    expect((await call('/webhook/hook', { authorization: `Bearer ${none}` })).statusCode).toBe(403);
  });
});

describe('HMAC signatures over the raw body', () => {
  const secret = 'whsec_test';
  const hex = (data: string, algorithm = 'sha256') =>
    createHmac(algorithm, secret).update(data).digest('hex');
  const signed = (scheme: string, extra: object = {}) =>
    webhookWorkflow(
      'w',
      { path: 'hook', options: { signature: { scheme, ...extra } } },
      { credentials: { webhookSignature: { secretName: 'sig' } } },
    );
  const secrets = { 'default/sig': { secret } };
  const body = '{"event":"paid", "amount": 10}';

  it('github: accepts X-Hub-Signature-256 of the exact bytes, refuses anything else, and dedupes by X-GitHub-Delivery', async () => {
    t = await testApp([signed('github')], { secrets });
    const ok = await call(
      '/webhook/hook',
      { 'x-hub-signature-256': `sha256=${hex(body)}`, 'x-github-delivery': 'd-1' },
      body,
    );
    expect(ok.statusCode).toBe(200);
    expect(lastItem(t.intake).json.body).toEqual({ event: 'paid', amount: 10 });
    // The same JSON re-serialized is different bytes: the signature no longer matches.
    expect(
      (
        await call(
          '/webhook/hook',
          { 'x-hub-signature-256': `sha256=${hex(body)}` },
          JSON.stringify(JSON.parse(body)),
        )
      ).statusCode,
    ).toBe(403);
    expect((await call('/webhook/hook', {}, body)).statusCode).toBe(401);
    // GitHub redelivers with the same delivery id: no second execution.
    const redelivered = await call(
      '/webhook/hook',
      { 'x-hub-signature-256': `sha256=${hex(body)}`, 'x-github-delivery': 'd-1' },
      body,
    );
    expect(redelivered.headers['idempotent-replayed']).toBe('true');
    expect(t.intake.triggers).toHaveLength(1);
  });

  it('stripe: accepts t=..,v1=.. within the tolerance, refuses an old timestamp and a replay', async () => {
    t = await testApp([signed('stripe', { toleranceSeconds: 300 })], { secrets });
    const ts = NOW / 1000;
    const header = (at: number, sig = hex(`${at}.${body}`)) => `t=${at},v1=deadbeef,v1=${sig}`;
    expect((await call('/webhook/hook', { 'stripe-signature': header(ts - 60) }, body)).statusCode).toBe(200);
    const replayed = await call('/webhook/hook', { 'stripe-signature': header(ts - 60) }, body);
    expect(replayed.statusCode).toBe(403);
    expect(replayed.json()).toEqual({
      code: 'BF_ERR_WEBHOOK_AUTH_INVALID',
      message: 'Authorization data is wrong',
    });
    expect((await call('/webhook/hook', { 'stripe-signature': header(ts - 301) }, body)).statusCode).toBe(
      403,
    );
    expect((await call('/webhook/hook', { 'stripe-signature': header(ts + 301) }, body)).statusCode).toBe(
      403,
    );
    expect(
      (await call('/webhook/hook', { 'stripe-signature': header(ts, hex(`${ts}.{}`)) }, body)).statusCode,
    ).toBe(403);
    expect((await call('/webhook/hook', { 'stripe-signature': 'v1=abc' }, body)).statusCode).toBe(401);
    expect(t.intake.triggers).toHaveLength(1);
    expect([
      await failures('replayed'),
      await failures('expired'),
      await failures('invalid'),
      await failures('missing'),
    ]).toEqual([1, 2, 1, 1]);
  });

  it('hmac: signature and timestamp headers, sha512, a new timestamp is a new delivery', async () => {
    t = await testApp([signed('hmac', { algorithm: 'sha512', header: 'X-Sig', timestampHeader: 'X-Ts' })], {
      secrets,
    });
    const ts = String(NOW / 1000);
    const sig = hex(`${ts}.${body}`, 'sha512');
    expect((await call('/webhook/hook', { 'x-sig': `sha512=${sig}`, 'x-ts': ts }, body)).statusCode).toBe(
      200,
    );
    expect((await call('/webhook/hook', { 'x-sig': sig, 'x-ts': ts }, body)).statusCode).toBe(403);
    const later = String(NOW / 1000 + 1);
    expect(
      (await call('/webhook/hook', { 'x-sig': hex(`${later}.${body}`, 'sha512'), 'x-ts': later }, body))
        .statusCode,
    ).toBe(200);
    expect((await call('/webhook/hook', { 'x-sig': sig }, body)).statusCode).toBe(401);
  });

  it('refuses multipart bodies on a signed webhook (the raw bytes are not kept)', async () => {
    t = await testApp([signed('github')], { secrets });
    const response = await t.app.inject({
      method: 'POST',
      url: '/webhook/hook',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'x-hub-signature-256': 'sha256=00' },
      payload: '--x--\r\n',
    });
    expect(response.statusCode).toBe(415);
  });
});

describe('address allow-list', () => {
  it("refuses callers outside n8n's ipWhitelist with 403", async () => {
    t = await testApp([
      webhookWorkflow('in', { path: 'in', options: { ipWhitelist: '10.0.0.0/8, 127.0.0.1' } }),
      webhookWorkflow('out', { path: 'out', options: { ipWhitelist: '10.0.0.0/8' } }),
    ]);
    expect((await call('/webhook/in')).statusCode).toBe(200);
    expect((await call('/webhook/out')).statusCode).toBe(403);
    expect(await failures('forbiddenAddress')).toBe(1);
  });
});

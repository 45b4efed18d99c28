import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Item, JsonObject } from '@budflow/runtime';
import { flowError, flowOutputs } from '../shared/flow-run.test-support.js';
import { jsonItems } from '../test-support/run-step.test-support.js';
import { formatPrivateKey } from './format-private-key.js';

const run = async (parameters: JsonObject, typeVersion = 1, extra: object = {}) =>
  (
    await flowOutputs({
      type: 'crypto',
      typeVersion,
      parameters,
      inputs: [jsonItems({ keep: true })],
      ...extra,
    })
  )[0]!;

const HELLO_SHA256 = '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824';

describe('Crypto hash and HMAC', () => {
  it.each([
    ['MD5 by default in v1', 1, {}, '5d41402abc4b2a76b9719d911017c592'],
    ['SHA256 by default in v2', 2, {}, HELLO_SHA256],
    ['base64', 1, { type: 'SHA256', encoding: 'base64' }, 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ='],
    ['SHA3-256', 1, { type: 'SHA3-256' }, '3338be694f50c5f338814986cdf0686453a888b84f424d792af4b9202398f392'],
  ])('hashes with %s', async (_name, typeVersion, parameters, expected) => {
    const [json] = await run({ action: 'hash', value: 'hello', ...parameters }, typeVersion);
    expect(json).toEqual({ keep: true, data: expected });
  });

  it('HMACs with the secret parameter (v1) or the crypto credential (v2)', async () => {
    const expected = '88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b';
    const parameters = { action: 'hmac', type: 'SHA256', value: 'hello' };
    const [v1] = await run({ ...parameters, secret: 'secret' });
    const [v2] = await run(parameters, 2, { credentials: { crypto: { hmacSecret: 'secret' } } });
    expect([v1?.data, v2?.data]).toEqual([expected, expected]);
  });

  it('v2 says which credential field is missing', async () => {
    const error = await flowError({
      type: 'crypto',
      typeVersion: 2,
      parameters: { action: 'hmac' },
      credentials: { crypto: {} },
    });
    expect(error.message).toBe(
      'No HMAC secret set in credentials. Please add an HMAC secret to your Crypto credentials.',
    );
  });

  it('hashes a binary file and drops the binary data from the item', async () => {
    const item: Item = {
      json: {},
      binary: { data: { mimeType: 'text/plain', data: Buffer.from('hello').toString('base64') } },
    };
    const result = await flowOutputs({
      type: 'crypto',
      typeVersion: 2,
      parameters: { action: 'hash', binaryData: true },
      inputs: [[item]],
    });
    expect(result[0]).toEqual([{ data: HELLO_SHA256 }]);
    const missing = await flowError({
      type: 'crypto',
      parameters: { action: 'hash', binaryData: true, binaryPropertyName: 'file' },
      inputs: [[item]],
    });
    expect(missing.message).toContain("to contain a binary file 'file'");
  });

  it('writes a dotted property name as one key, as n8n does', async () => {
    const [json] = await run({ action: 'hash', value: 'hello', dataPropertyName: 'hash.md5' });
    expect(json).toEqual({ keep: true, 'hash.md5': '5d41402abc4b2a76b9719d911017c592' });
  });
});

describe('Crypto sign and generate', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('signs with a private key that verifies with its public key', async () => {
    const [json] = await run({ action: 'sign', value: 'hello', algorithm: 'RSA-SHA256', privateKey: pem });
    expect(
      verify('RSA-SHA256', Buffer.from('hello'), publicKey, Buffer.from(String(json?.data), 'hex')),
    ).toBe(true);
  });

  it('takes a key pasted on one line back into PEM shape', () => {
    expect(formatPrivateKey(pem.replace(/\n/g, ' ').trim())).toBe(pem.trim());
  });

  it.each([
    ['a UUID by default', {}, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/],
    ['hex of the length', { encodingType: 'hex', stringLength: 10 }, /^[0-9a-f]{10}$/],
    ['base64 without symbols', { encodingType: 'base64', stringLength: 40 }, /^\w{1,40}$/],
  ])('generates %s', async (_name, parameters, pattern) => {
    const [json] = await run({ action: 'generate', ...parameters });
    expect(String(json?.data)).toMatch(pattern);
  });

  it('reports a failed item in json.error when it continues (v2: with name and code)', async () => {
    const parameters = { action: 'sign', value: 'x', algorithm: 'RSA-SHA256' };
    const [v1] = await run({ ...parameters, privateKey: 'not a key' }, 1, { continueOnFail: true });
    const [v2] = await run(parameters, 2, {
      continueOnFail: true,
      credentials: { crypto: { signPrivateKey: 'not a key' } },
    });
    expect(typeof v1?.error).toBe('string');
    expect(v2?.error).toMatchObject({ message: expect.any(String), name: 'Error' });
  });
});

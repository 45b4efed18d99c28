import { createHash, createHmac, createSign, randomBytes, randomUUID } from 'node:crypto';
import type { BinaryToTextEncoding } from 'node:crypto';
import type { Item, JsonObject, NodeExecutionContext, NodeType } from '@budflow/runtime';
import { operationError } from '../shared/operation-error.js';
import { cryptoParameters } from './crypto-parameters.js';
import { formatPrivateKey } from './format-private-key.js';

interface Secrets {
  hmacSecret: string;
  signPrivateKey: string;
}

function generate(ctx: NodeExecutionContext, i: number): string {
  const encodingType = ctx.getParameter<string>('encodingType', i);
  if (encodingType === 'uuid') return randomUUID();
  const length = Number(ctx.getParameter('stringLength', i));
  const text = randomBytes(length).toString(encodingType as BufferEncoding);
  // Base64 without '+', '/' and '=' (n8n keeps word characters only).
  return (encodingType === 'base64' ? text.replace(/\W/g, '') : text).slice(0, length);
}

/** The bytes of a binary property of the item (inline base64; n8n's assertBinaryData messages). */
function binaryBytes(item: Item, name: string, itemIndex: number): Buffer {
  if (!item.binary) throw operationError('No binary data exists on item!', { itemIndex });
  const binary = item.binary[name];
  if (!binary)
    throw operationError(
      `This operation expects the node's input data to contain a binary file '${name}', but none was found [item ${itemIndex}]`,
      { itemIndex, description: 'Make sure that the previous node outputs a binary file' },
    );
  if (binary.data === undefined)
    throw operationError(
      `The binary file '${name}' is held in the data store, which Crypto cannot read yet`,
      {
        itemIndex,
      },
    );
  return Buffer.from(binary.data, 'base64');
}

/** Hash or HMAC of the value or of a binary file; `binary: true` when a file was read (n8n then drops binary). */
function digest(ctx: NodeExecutionContext, item: Item, i: number, secret: string, hmac: boolean) {
  const type = ctx.getParameter<string>('type', i);
  const encoding = ctx.getParameter<BinaryToTextEncoding>('encoding', i);
  const hash = hmac ? createHmac(type, secret) : createHash(type);
  if (ctx.getParameter('binaryData', i) === true) {
    const bytes = binaryBytes(item, ctx.getParameter<string>('binaryPropertyName', i), i);
    return { value: hash.update(bytes).digest(encoding), binary: true };
  }
  return { value: hash.update(String(ctx.getParameter('value', i, ''))).digest(encoding), binary: false };
}

function sign(ctx: NodeExecutionContext, i: number, privateKey: string): string {
  const signer = createSign(ctx.getParameter<string>('algorithm', i));
  signer.write(String(ctx.getParameter('value', i, '')));
  signer.end();
  return signer.sign(privateKey, ctx.getParameter<BinaryToTextEncoding>('encoding', i));
}

/** v1 takes the secret and key from parameters, v2 from the `crypto` credential (checked before any item). */
async function secretsOf(ctx: NodeExecutionContext, action: string): Promise<Secrets> {
  if (ctx.node.typeVersion < 2 || (action !== 'hmac' && action !== 'sign'))
    return { hmacSecret: '', signPrivateKey: '' };
  const credentials = await ctx.getCredentials('crypto');
  if (action === 'hmac' && !credentials.hmacSecret)
    throw operationError(
      'No HMAC secret set in credentials. Please add an HMAC secret to your Crypto credentials.',
    );
  if (action === 'sign' && !credentials.signPrivateKey)
    throw operationError(
      'No private key set in credentials. Please add a private key to your Crypto credentials.',
    );
  return {
    hmacSecret: credentials.hmacSecret ?? '',
    signPrivateKey: formatPrivateKey(credentials.signPrivateKey ?? ''),
  };
}

function compute(ctx: NodeExecutionContext, action: string, item: Item, i: number, secrets: Secrets) {
  const v1 = ctx.node.typeVersion < 2;
  switch (action) {
    case 'generate':
      return { value: generate(ctx, i), binary: false };
    case 'hash':
      return digest(ctx, item, i, '', false);
    case 'hmac':
      return digest(ctx, item, i, v1 ? String(ctx.getParameter('secret', i)) : secrets.hmacSecret, true);
    case 'sign':
      return {
        value: sign(ctx, i, v1 ? String(ctx.getParameter('privateKey', i)) : secrets.signPrivateKey),
        binary: false,
      };
    default:
      return { value: undefined, binary: false };
  }
}

/** The error item of a failed item: v1 keeps the message, v2 an object with message, name and code. */
function errorJson(ctx: NodeExecutionContext, error: unknown): JsonObject {
  const e = error as Error & { code?: string };
  if (ctx.node.typeVersion < 2) return { error: e.message };
  return {
    error: { message: e.message, ...(e.name ? { name: e.name } : {}), ...(e.code ? { code: e.code } : {}) },
  };
}

async function executeCrypto(ctx: NodeExecutionContext, inputs: Item[][]): Promise<Item[][]> {
  const action = ctx.getParameter<string>('action', 0);
  const secrets = await secretsOf(ctx, action);
  const output: Item[] = [];
  (inputs[0] ?? []).forEach((item, i) => {
    try {
      const name = ctx.getParameter<string>('dataPropertyName', i);
      const result = compute(ctx, action, item, i, secrets);
      const json: JsonObject = name.includes('.') ? structuredClone(item.json) : { ...item.json };
      // The name is one key, dots included (n8n sets the path ['json', name]).
      json[name] = result.value;
      output.push({
        json,
        pairedItem: { item: i },
        ...(item.binary && !result.binary ? { binary: item.binary } : {}),
      });
    } catch (error) {
      if (!ctx.continueOnFail) throw error;
      output.push({ json: errorJson(ctx, error), pairedItem: { item: i } });
    }
  });
  return [output];
}

/** Crypto: hashes, HMACs and signs values or files, or generates random strings. */
export const crypto: NodeType = {
  type: 'crypto',
  readsBinaryData: true,
  n8nType: 'n8n-nodes-base.crypto',
  displayName: 'Crypto',
  versions: [1, 2],
  inputs: () => 1,
  outputs: () => 1,
  parameters: cryptoParameters,
  execute: executeCrypto,
};

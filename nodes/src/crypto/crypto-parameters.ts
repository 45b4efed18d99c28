import type { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const common = {
  action: param.options(['generate', 'hash', 'hmac', 'sign']).default('hash'),
  binaryData: param.boolean().default(false),
  binaryPropertyName: param.string().default('data'),
  value: param.json().default(''),
  dataPropertyName: param.string().default('data'),
  encoding: param.options(['base64', 'hex']).default('hex'),
  algorithm: param.string().default(''),
  encodingType: param.options(['ascii', 'base64', 'hex', 'uuid']).default('uuid'),
  stringLength: param.number().default(32),
};

// v1: the HMAC secret and the private key are parameters; the hash type defaults to MD5.
const cryptoV1Parameters = parameters({
  ...common,
  type: param.string().default('MD5'),
  secret: param.string().default(''),
  privateKey: param.string().default(''),
});

// v2: the secret and key come from a `crypto` credential; the hash type defaults to SHA256.
const cryptoV2Parameters = parameters({ ...common, type: param.string().default('SHA256') });

/** The parameters of Crypto for a typeVersion, with n8n's defaults. */
export function cryptoParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion < 2 ? cryptoV1Parameters : cryptoV2Parameters;
}

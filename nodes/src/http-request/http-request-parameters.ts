import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'] as const;
const nameValue = z.looseObject({ name: param.json().default(''), value: param.json().default('') });
const emptyPair = { parameters: [{ name: '', value: '' }] };
const pairs = z
  .union([z.string(), z.looseObject({ parameters: z.array(nameValue).optional() })])
  .default(emptyPair);
const uiPairs = z
  .union([z.string(), z.looseObject({ parameter: z.array(nameValue).optional() })])
  .default({});

// v1 and v2: key-value lists or JSON/RAW text; options hold body type, redirects, batching.
const legacyCommon = {
  requestMethod: param.options(METHODS).default('GET'),
  url: param.json().default(''),
  allowUnauthorizedCerts: param.boolean().default(false),
  responseFormat: param.options(['file', 'json', 'string']).default('json'),
  dataPropertyName: param.string().default('data'),
  jsonParameters: param.boolean().default(false),
  sendBinaryData: param.boolean().default(false),
  binaryPropertyName: param.string().default('data'),
  bodyParametersJson: param.json().default(''),
  bodyParametersUi: uiPairs,
  headerParametersJson: param.json().default(''),
  headerParametersUi: uiPairs,
  queryParametersJson: param.json().default(''),
  queryParametersUi: uiPairs,
  // Collections do not fill their options' defaults in n8n: absent means "not set".
  options: z.looseObject({}).default({}),
};

const httpRequestV1Parameters = parameters({
  ...legacyCommon,
  authentication: param
    .options(['basicAuth', 'digestAuth', 'headerAuth', 'none', 'oAuth1', 'oAuth2', 'queryAuth'])
    .default('none'),
});

const credentialChoice = {
  authentication: param
    .options(['none', 'predefinedCredentialType', 'genericCredentialType'])
    .default('none'),
  nodeCredentialType: param.string().default(''),
  genericAuthType: param.string().default(''),
};

const httpRequestV2Parameters = parameters({ ...legacyCommon, ...credentialChoice });

// v3 and v4.x: send query / headers / body switches, each as fields or JSON; options hold the rest.
const httpRequestV3Parameters = parameters({
  method: param.options(METHODS).default('GET'),
  url: param.json().default(''),
  ...credentialChoice,
  provideSslCertificates: param.boolean().default(false),
  sendQuery: param.boolean().default(false),
  specifyQuery: param.options(['keypair', 'json']).default('keypair'),
  queryParameters: pairs,
  jsonQuery: param.json().default(''),
  sendHeaders: param.boolean().default(false),
  specifyHeaders: param.options(['keypair', 'json']).default('keypair'),
  headerParameters: pairs,
  jsonHeaders: param.json().default(''),
  sendBody: param.boolean().default(false),
  contentType: param
    .options(['form-urlencoded', 'multipart-form-data', 'json', 'binaryData', 'raw'])
    .default('json'),
  specifyBody: param.options(['keypair', 'json', 'string']).default('keypair'),
  bodyParameters: pairs,
  jsonBody: param.json().default(''),
  body: param.json().default(''),
  inputDataFieldName: param.string().default(''),
  rawContentType: param.string().default(''),
  options: z.looseObject({}).default({}),
});

/** HTTP Request parameters: v1 (auth per type), v2 (credential types), v3/v4.x (the current layout). */
export function httpRequestParameters(typeVersion: number): z.ZodType<JsonObject> {
  if (typeVersion === 1) return httpRequestV1Parameters;
  return typeVersion === 2 ? httpRequestV2Parameters : httpRequestV3Parameters;
}

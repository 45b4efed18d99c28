import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject, NodeType } from '@budflow/runtime';
import { pairInput } from '../shared/paired-items.js';

const METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'] as const;

const common = {
  httpMethod: z.union([param.options(METHODS), z.array(z.enum(METHODS))]).default('GET'),
  path: param.string().default(''),
  authentication: param.options(['basicAuth', 'headerAuth', 'jwtAuth', 'n8nOAuth2', 'none']).default('none'),
  responseMode: param.options(['onReceived', 'lastNode', 'responseNode', 'streaming']).default('onReceived'),
  responseData: param
    .options(['allEntries', 'firstEntryJson', 'firstEntryBinary', 'noData'])
    .default('firstEntryJson'),
  responseBinaryPropertyName: param.string().default('data'),
  // binaryData, binaryPropertyName, ignoreBots, ipWhitelist, noResponseBody, rawBody, responseData,
  // responseContentType, responseHeaders, responsePropertyName, responseCode (v2+): unset unless given
  options: z.looseObject({}).default({}),
};

// v1 and v1.1 carry the response code as a parameter; v2 moved it into the options.
const webhookV1Parameters = parameters({ ...common, responseCode: param.number().default(200) });
const webhookV2Parameters = parameters({ ...common, multipleMethods: param.boolean().default(false) });

/**
 * Webhook trigger. Serving the HTTP endpoint (path, method, authentication, the response mode) is the
 * gateway's job, which reads these parameters; at run time the node outputs the trigger items it is given,
 * like the manual trigger: n8n's `{ headers, params, query, body, webhookUrl, executionMode }` per request.
 * With several methods there is one output per method; trigger items carry no method, so they go to the
 * first output until the trigger tells which method was called.
 */
export const webhook: NodeType = {
  type: 'webhook',
  n8nType: 'n8n-nodes-base.webhook',
  displayName: 'Webhook',
  versions: [1, 1.1, 2, 2.1],
  isTrigger: true,
  inputs: () => 0,
  outputs: (parameters: JsonObject) =>
    Array.isArray(parameters.httpMethod) ? parameters.httpMethod.length || 1 : 1,
  parameters: (typeVersion) => (typeVersion < 2 ? webhookV1Parameters : webhookV2Parameters),
  execute: (ctx, inputs) => {
    const methods = ctx.getRawParameter<unknown>('httpMethod', 'GET');
    const outputs = Array.isArray(methods) ? Math.max(methods.length, 1) : 1;
    const items = pairInput(inputs[0] ?? [{ json: {} }]);
    return Array.from({ length: outputs }, (_output, index) => (index === 0 ? items : []));
  },
};

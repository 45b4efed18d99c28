import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const JSON_BODY_DEFAULT = '{\n  "myField": "value"\n}';

const respondToWebhookParameters = parameters({
  enableResponseOutput: param.boolean().default(false),
  respondWith: param
    .options(['allIncomingItems', 'binary', 'firstIncomingItem', 'json', 'jwt', 'noData', 'redirect', 'text'])
    .default('firstIncomingItem'),
  redirectURL: param.string().default(''),
  // "Response Body" is JSON for respondWith json and text for respondWith text; defaults differ (below).
  responseBody: param.json().optional(),
  payload: param.json().default(JSON_BODY_DEFAULT),
  responseDataSource: param.options(['automatically', 'set']).default('automatically'),
  inputFieldName: param.string().default('data'),
  // responseCode, responseHeaders, responseKey, enableStreaming: unset unless given
  options: z.looseObject({}).default({}),
}).transform((values) => ({
  ...values,
  responseBody: values.responseBody ?? (values.respondWith === 'json' ? JSON_BODY_DEFAULT : ''),
}));

/** Respond to Webhook has the same parameters in all versions (the response branch shows from v1.4). */
export function respondToWebhookParametersFor(_typeVersion: number): z.ZodType<JsonObject> {
  return respondToWebhookParameters as unknown as z.ZodType<JsonObject>;
}

import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const UNITS = ['seconds', 'minutes', 'hours', 'days'] as const;

const common = {
  resume: param.options(['timeInterval', 'specificTime', 'webhook', 'form']).default('timeInterval'),
  dateTime: param.json().default(''),
  // How a webhook or form resumes the execution: the gateway serves these (BudFlow's webhook-gateway).
  incomingAuthentication: param.string().default('none'),
  httpMethod: param.string().default('GET'),
  responseCode: param.number().default(200),
  responseMode: param.string().default('onReceived'),
  responseData: param.string().default('firstEntryJson'),
  responseBinaryPropertyName: param.string().default('data'),
  limitWaitTime: param.boolean().default(false),
  limitType: param.options(['afterTimeInterval', 'atSpecifiedTime']).default('afterTimeInterval'),
  resumeAmount: param.number().default(1),
  resumeUnit: param.options(UNITS).default('hours'),
  maxDateAndTime: param.json().default(''),
  options: z.record(z.string(), z.unknown()).default({}),
};

// The amount and unit fields accept anything here: the node checks them as n8n does, with n8n's messages.
const waitV1Parameters = parameters({
  ...common,
  amount: param.json().default(1),
  unit: param.json().default('hours'),
});
const waitV11Parameters = parameters({
  ...common,
  amount: param.json().default(5),
  unit: param.json().default('seconds'),
});

/** The parameters of Wait for a typeVersion, with n8n's defaults (1.1 waits 5 seconds by default). */
export function waitParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion < 1.1 ? waitV1Parameters : waitV11Parameters;
}

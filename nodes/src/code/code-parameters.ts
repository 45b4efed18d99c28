import type { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const codeV1Parameters = parameters({
  mode: param.options(['runOnceForAllItems', 'runOnceForEachItem']).default('runOnceForAllItems'),
  jsCode: param.string().default(''),
});

const codeV2Parameters = parameters({
  mode: param.options(['runOnceForAllItems', 'runOnceForEachItem']).default('runOnceForAllItems'),
  language: param.options(['javaScript', 'python', 'pythonNative']).default('javaScript'),
  jsCode: param.string().default(''),
  pythonCode: param.string().optional(),
});

/** The parameters of Code for a typeVersion, with n8n's defaults. */
export function codeParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion < 2 ? codeV1Parameters : codeV2Parameters;
}

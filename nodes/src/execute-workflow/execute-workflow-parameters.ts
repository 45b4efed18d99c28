import { z } from 'zod';
import { param, parameters } from '@budflow/runtime';
import type { JsonObject } from '@budflow/runtime';

const common = {
  operation: param.string().default('call_workflow'),
  source: param.options(['database', 'localFile', 'parameter', 'url']).default('database'),
  // v1: a workflow id; 1.1+: a workflow selector (a resource locator `{ __rl, mode, value }`).
  workflowId: param.json().default(''),
  workflowPath: param.string().default(''),
  workflowJson: param.json().default('\n\n\n'),
  workflowUrl: param.string().default(''),
  mode: param.options(['once', 'each']).default('once'),
  options: z.looseObject({ waitForSubWorkflow: param.boolean().optional() }).default({}),
};

const executeWorkflowV1Parameters = parameters(common);

// 1.2+: the sub-workflow's declared inputs, mapped (used with a workflow from the database).
const executeWorkflowV12Parameters = parameters({
  ...common,
  workflowInputs: param.json().default({ mappingMode: 'defineBelow', value: null }),
});

/** The parameters of Execute Workflow for a typeVersion, with n8n's defaults. */
export function executeWorkflowParameters(typeVersion: number): z.ZodType<JsonObject> {
  return typeVersion < 1.2 ? executeWorkflowV1Parameters : executeWorkflowV12Parameters;
}

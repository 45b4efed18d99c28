import type { JsonObject, NodeType } from '@budflow/runtime';
import { messageOf } from '../shared/item-error.js';
import { pairInput, pairedWith } from '../shared/paired-items.js';
import { respondToWebhookParametersFor } from './respond-to-webhook-parameters.js';
import { buildWebhookResponse, responseJson, WEBHOOK_RESPONSE_KEY } from './webhook-response.js';

const hasResponseOutput = (parameters: JsonObject, typeVersion: number) =>
  typeVersion === 1.3 || (typeVersion >= 1.4 && parameters.enableResponseOutput === true);

/**
 * Respond to Webhook: decides the answer a webhook call gets (see WebhookResponse for the shape written to
 * the node context) and passes its input items through. From v1.3 (v1.4: when enabled) a second output
 * carries the response. Unlike n8n it does not check that a Webhook node precedes it: the step does not
 * see the workflow graph.
 */
export const respondToWebhook: NodeType = {
  type: 'respondToWebhook',
  readsBinaryData: true,
  n8nType: 'n8n-nodes-base.respondToWebhook',
  displayName: 'Respond to Webhook',
  versions: [1, 1.1, 1.2, 1.3, 1.4, 1.5],
  inputs: () => 1,
  outputs: (parameters, typeVersion) => (hasResponseOutput(parameters, typeVersion) ? 2 : 1),
  parameters: respondToWebhookParametersFor,
  execute: async (ctx, inputs) => {
    const items = inputs[0] ?? [];
    let response;
    try {
      response = await buildWebhookResponse(ctx, items);
    } catch (error) {
      if (!ctx.continueOnFail) throw error;
      return [[{ json: { error: messageOf(error) }, pairedItem: items.map((_item, i) => pairedWith(i)) }]];
    }
    ctx.nodeContext[WEBHOOK_RESPONSE_KEY] = response as unknown as JsonObject;
    const passed = pairInput(items);
    if (
      !hasResponseOutput(
        { enableResponseOutput: ctx.getParameter('enableResponseOutput', 0, false) },
        ctx.node.typeVersion,
      )
    ) {
      return [passed];
    }
    return [passed, [{ json: { response: responseJson(response) }, pairedItem: pairedWith(0) }]];
  },
};

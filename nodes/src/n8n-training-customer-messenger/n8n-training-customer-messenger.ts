import { param, parameters } from '@budflow/runtime';
import type { NodeType } from '@budflow/runtime';

const messengerParameters = parameters({
  customerId: param.json().default(''),
  message: param.json().default(''),
});

/** Customer Messenger (n8n training): n8n's tutorial node; it only says what it would have sent. */
export const n8nTrainingCustomerMessenger: NodeType = {
  type: 'n8nTrainingCustomerMessenger',
  n8nType: 'n8n-nodes-base.n8nTrainingCustomerMessenger',
  displayName: 'Customer Messenger (n8n training)',
  versions: [1],
  inputs: () => 1,
  outputs: () => 1,
  parameters: () => messengerParameters,
  execute: (ctx, inputs) => [
    (inputs[0] ?? []).map((_, i) => {
      const customerId = String(ctx.getParameter('customerId', i));
      const message = String(ctx.getParameter('message', i));
      // Two spaces after the colon, as n8n's node writes it.
      return { json: { output: `Sent message to customer ${customerId}:  ${message}` } };
    }),
  ],
};

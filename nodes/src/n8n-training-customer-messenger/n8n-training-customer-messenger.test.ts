import { describe, expect, it } from 'vitest';
import { flowOutputs } from '../shared/flow-run.test-support.js';
import { jsonItems } from '../test-support/run-step.test-support.js';

describe('Customer Messenger (n8n training)', () => {
  it('says what it would have sent, per item, with expressions evaluated', async () => {
    const outputs = await flowOutputs({
      type: 'n8nTrainingCustomerMessenger',
      parameters: { customerId: '={{ $json.id }}', message: 'Hello' },
      inputs: [jsonItems({ id: 1 }, { id: 2 })],
    });
    expect(outputs[0]).toEqual([
      { output: 'Sent message to customer 1:  Hello' },
      { output: 'Sent message to customer 2:  Hello' },
    ]);
  });
});

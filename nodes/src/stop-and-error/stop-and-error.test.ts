import { describe, expect, it } from 'vitest';
import { flowError, runFlow } from '../shared/flow-run.test-support.js';

describe('Stop and Error', () => {
  it('fails with the error message', async () => {
    const error = await flowError({
      type: 'stopAndError',
      parameters: { errorMessage: 'Order 7 is missing' },
    });
    expect(error).toMatchObject({ message: 'Order 7 is missing', name: 'NodeOperationError' });
  });

  it("fails with an error object's message and description", async () => {
    const errorObject = JSON.stringify({
      message: 'Not found',
      description: 'The resource could not be fetched',
    });
    const error = await flowError({
      type: 'stopAndError',
      parameters: { errorType: 'errorObject', errorObject },
    });
    expect(error).toMatchObject({ message: 'Not found', description: 'The resource could not be fetched' });
  });

  it("names the workflow when the error object has no message, and says when it isn't JSON", async () => {
    const error = await flowError({
      type: 'stopAndError',
      parameters: { errorType: 'errorObject', errorObject: '{"code": "404"}' },
    });
    expect(error.message).toBe('Workflow ID test-workflow "test-workflow" has failed');
    const invalid = await flowError({
      type: 'stopAndError',
      parameters: { errorType: 'errorObject', errorObject: '{' },
    });
    expect(invalid.message).toBe("The error object of 'Node' is not valid JSON");
  });

  //  Trigger ──► Stop   (no outputs)
  it('ends the execution in error, naming the node', async () => {
    const run = await runFlow({
      nodes: [
        { name: 'Trigger', type: 'manualTrigger' },
        { name: 'Stop', type: 'stopAndError', parameters: { errorMessage: 'stop here' } },
      ],
      connections: [{ from: 'Trigger', to: 'Stop' }],
    });
    expect(run.state.status).toBe('error');
    expect(run.state.error).toMatchObject({ message: 'stop here', node: 'Stop' });
  });
});

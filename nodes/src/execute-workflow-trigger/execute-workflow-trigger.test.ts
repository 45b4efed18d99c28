import { describe, expect, it } from 'vitest';
import type { JsonObject } from '@budflow/runtime';
import { flowOutputs } from '../shared/flow-run.test-support.js';
import { jsonItems } from '../test-support/run-step.test-support.js';

const trigger = async (typeVersion: number, parameters: JsonObject = {}) =>
  (
    await flowOutputs({
      type: 'executeWorkflowTrigger',
      typeVersion,
      parameters,
      inputs: [jsonItems({ name: 'Ada', age: 36, extra: true })],
    })
  )[0];

describe('Execute Workflow Trigger', () => {
  it('v1 passes the caller’s items through', async () => {
    expect(await trigger(1)).toEqual([{ name: 'Ada', age: 36, extra: true }]);
  });

  it.each([
    ['all data', { inputSource: 'passthrough' }, { name: 'Ada', age: 36, extra: true }],
    [
      'the declared fields, null when missing',
      { workflowInputs: { values: [{ name: 'name' }, { name: 'city' }] } },
      { name: 'Ada', city: null },
    ],
    ['the fields of a JSON example', { inputSource: 'jsonExample', jsonExample: '{"age": 1}' }, { age: 36 }],
    ['nothing when no field is declared (n8n 1.1 default)', {}, {}],
  ])('v1.1 keeps %s', async (_name, parameters, expected) => {
    expect(await trigger(1.1, parameters)).toEqual([expected]);
  });
});

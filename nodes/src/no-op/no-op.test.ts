import { describe, expect, it } from 'vitest';
import { runStep } from '../test-support/run-step.test-support.js';

describe('No Operation', () => {
  it('passes items through, binary included, paired with their input position', async () => {
    const binary = { file: { mimeType: 'text/plain', data: 'aGk=' } };
    const inputs = [
      [
        { json: { a: 1 }, pairedItem: { item: 4 } },
        { json: { b: 2 }, binary },
      ],
    ];
    const result = await runStep({ type: 'noOp', inputs });
    expect(result.ok && result.outputs).toEqual([
      [
        { json: { a: 1 }, pairedItem: { item: 0 } },
        { json: { b: 2 }, binary, pairedItem: { item: 1 } },
      ],
    ]);
  });
});

import { operationError } from '../shared/operation-error.js';

/** An output index as Switch v1/v2 accept it: a whole number within the node's outputs. */
export function checkOutputIndexV1(index: unknown, outputCount: number): number {
  const output = typeof index === 'string' && index.trim() === '' ? NaN : Number(index);
  if (!Number.isInteger(output) || output < 0 || output >= outputCount) {
    throw operationError(
      `The ouput ${String(index)} is not allowed. It has to be between 0 and ${outputCount - 1}!`,
    );
  }
  return output;
}

/**
 * An output index as Switch v3 accepts it. Like n8n, the index one past the last output gets its own
 * hint, since that is usually an attempt to reach the fallback ("extra") output by its number.
 */
export function checkOutputIndexV3(index: unknown, outputCount: number, itemIndex: number): number {
  const output = typeof index === 'string' && index.trim() === '' ? NaN : Number(index);
  if (output === outputCount) {
    throw operationError(`The ouput ${String(index)} is not allowed. `, {
      itemIndex,
      description: `Output indexes are zero based, if you want to use the extra output use ${output - 1}`,
    });
  }
  if (!Number.isInteger(output) || output < 0 || output > outputCount) {
    throw operationError(`The ouput ${String(index)} is not allowed`, {
      itemIndex,
      description: `It has to be between 0 and ${outputCount - 1}`,
    });
  }
  return output;
}
